// RecordingEmbeddings::extractAll with the tiny checkpoint (64-frame chunks) on recordings of 1, 2, 5 and 1 chunks:
// with 4 chunks per pass the short ones share passes and the long one streams alone, yet every recording arrives
// whole, in order, between its begin and end, equal to extract() of the file alone up to float rounding.
#include <QTemporaryDir>
#include <QtTest>
#include <sndfile.h>

#include "ArrayComparison.h"
#include "AudioFixtures.h"
#include "TinyModel.h"
#include "analysis/RecordingEmbeddings.h"
#include "common/Errors.h"

using namespace m2ds;

class TestRecordingEmbeddings : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const std::vector<double> seconds{0.3, 1.0, 3.0, 0.5};
        for (std::size_t i = 0; i < seconds.size(); ++i) {
            files_.push_back(dir_.filePath(QString("tone%1.wav").arg(i)).toStdString());
            QVERIFY(test::writeAudio(QString::fromStdString(files_.back()), SF_FORMAT_WAV | SF_FORMAT_FLOAT, 16000, 1,
                                     test::sine(220.0 * double(i + 1), seconds[i], 16000)));
        }
        model_ = test::loadTinyModel();
    }

    void recordingsSharingPassesEqualEachAlone() {
        const std::vector<int> layers{0, model_->config().depth};
        const RecordingEmbeddings embeddings(*model_, layers, 1);
        std::vector<std::vector<FloatArray>> alone;
        for (const std::string& file : files_) alone.push_back(collect(embeddings, file));
        model_->setChunksPerPass(4);
        std::vector<std::vector<FloatArray>> together(files_.size(), std::vector<FloatArray>(layers.size()));
        QStringList events;
        std::size_t current = files_.size();
        RecordingsSink sink;
        sink.begin = [&](std::size_t i) { events << QString("begin %1").arg(i); current = i; };
        sink.frames = [&](std::size_t first, std::size_t total, const std::vector<FloatArray>& part) {
            QCOMPARE(first, together[current][0].shape.empty() ? 0 : together[current][0].shape[0]);
            QCOMPARE(total, alone[current][0].shape[0]);
            append(together[current], part);
        };
        sink.end = [&](std::size_t i) { events << QString("end %1").arg(i); current = files_.size(); };
        std::vector<double> reported(files_.size(), 0.0);
        embeddings.extractAll(files_, sink, [&](std::size_t i) { return ProgressMonitor([&, i](double f) { reported[i] = f; }); });
        model_->setChunksPerPass(0);
        QCOMPARE(events, QStringList({"begin 0", "end 0", "begin 1", "end 1", "begin 2", "end 2", "begin 3", "end 3"}));
        for (std::size_t r = 0; r < files_.size(); ++r) {
            QCOMPARE(reported[r], 1.0);
            for (std::size_t l = 0; l < layers.size(); ++l) {
                QCOMPARE(together[r][l].shape, alone[r][l].shape);
                M2DS_COMPARE_ARRAYS(test::compareArrays(together[r][l].values.data(), alone[r][l].values.data(), alone[r][l].values.size()),
                                    (test::Tolerance{1e-4, 1e-5}));
            }
        }
    }

    void anUnusableFileStopsAfterTheOnesBefore() {
        const QString broken = dir_.filePath("broken.wav");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("not audio") > 0);
        file.close();
        model_->setChunksPerPass(4);
        const RecordingEmbeddings embeddings(*model_, {1}, 1);
        QStringList ended;
        RecordingsSink sink{[](std::size_t) {}, [](std::size_t, std::size_t, const std::vector<FloatArray>&) {},
                            [&](std::size_t i) { ended << QString::number(i); }};
        try {
            embeddings.extractAll({files_[0], files_[1], broken.toStdString()}, sink, [](std::size_t) { return ProgressMonitor(); });
            QFAIL("accepted");
        } catch (const InputError& error) {
            QCOMPARE(QString::fromStdString(error.path()), broken);
        }
        model_->setChunksPerPass(0);
        QCOMPARE(ended, QStringList({"0", "1"}));  // the two before it, shown before the error
    }

private:
    static void append(std::vector<FloatArray>& collected, const std::vector<FloatArray>& part) {
        for (std::size_t l = 0; l < part.size(); ++l) {
            collected[l].shape = {(collected[l].shape.empty() ? 0 : collected[l].shape[0]) + part[l].shape[0], part[l].shape[1]};
            collected[l].values.insert(collected[l].values.end(), part[l].values.begin(), part[l].values.end());
        }
    }

    static std::vector<FloatArray> collect(const RecordingEmbeddings& embeddings, const std::string& file) {
        std::vector<FloatArray> collected(embeddings.layers().size());
        embeddings.extract(file, [&](std::size_t, std::size_t, const std::vector<FloatArray>& part) { append(collected, part); });
        return collected;
    }

    QTemporaryDir dir_;
    std::vector<std::string> files_;
    std::unique_ptr<M2dsModel> model_;
};

QTEST_APPLESS_MAIN(TestRecordingEmbeddings)
#include "tst_RecordingEmbeddings.moc"
