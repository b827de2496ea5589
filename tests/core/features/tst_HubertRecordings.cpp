// hiddenStatesOfRecordings with the tiny HuBERT folder, three recordings per pass: every recording in order, each as
// hiddenStates() of hubertInputOf alone; an undecodable file is reported in its place, or, without a handler, thrown
// once the recordings before it were delivered.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sndfile.h>

#include "ArrayComparison.h"
#include "AudioFixtures.h"
#include "TestData.h"
#include "common/Errors.h"
#include "features/HubertRecordings.h"
#include "model/hubert/HubertModel.h"

using namespace m2ds;

class TestHubertRecordings : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        for (int i = 0; i < 4; ++i) {
            paths_.push_back(dir_.filePath(QString("tone%1.wav").arg(i)).toStdString());
            QVERIFY(test::writeAudio(QString::fromStdString(paths_.back()), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1,
                                     test::sine(250.0 * (i + 1), 0.3 + 0.4 * i, 16000)));
        }
        QFile broken(dir_.filePath("broken.wav"));
        QVERIFY(broken.open(QIODevice::WriteOnly) && broken.write("RIFF nonsense") > 0);
        paths_.insert(paths_.begin() + 2, broken.fileName().toStdString());  // tone0, tone1, broken, tone2, tone3
    }

    void everyRecordingInOrderAsAlone() {
        const HubertModel model = HubertModel::load(test::sourcePath("tests/golden/hubert/tiny/base").toStdString());
        std::vector<std::size_t> delivered, unusable;
        HubertRecordingsSink sink;
        sink.states = [&](std::size_t i, std::vector<FloatArray>&& states) {
            delivered.push_back(i);
            const std::vector<FloatArray> alone = model.hiddenStates(hubertInputOf(paths_[i], nullptr), {1, 2});
            for (std::size_t l = 0; l < 2; ++l) {
                QCOMPARE(states[l].shape, alone[l].shape);
                M2DS_COMPARE_ARRAYS(test::compareArrays(states[l].values.data(), alone[l].values.data(), alone[l].values.size()),
                                    (test::Tolerance{1e-4, 1e-5}));
            }
        };
        sink.unusable = [&](std::size_t i, const InputError& error) {
            unusable.push_back(i);
            QCOMPARE(error.path(), paths_[2]);
        };
        hiddenStatesOfRecordings(model, paths_, {1, 2}, BatchLimits{3, 0}, sink, [](std::size_t) { return ProgressMonitor(); });
        QCOMPARE(delivered, (std::vector<std::size_t>{0, 1, 3, 4}));
        QCOMPARE(unusable, (std::vector<std::size_t>{2}));

        sink.unusable = nullptr;  // the error ends the run, after the two before it
        delivered.clear();
        try {
            hiddenStatesOfRecordings(model, paths_, {1, 2}, BatchLimits{3, 0}, sink, [](std::size_t) { return ProgressMonitor(); });
            QFAIL("accepted");
        } catch (const InputError& error) {
            QCOMPARE(error.path(), paths_[2]);
        }
        QCOMPARE(delivered, (std::vector<std::size_t>{0, 1}));
    }

private:
    QTemporaryDir dir_;
    std::vector<std::string> paths_;
};

QTEST_APPLESS_MAIN(TestHubertRecordings)
#include "tst_HubertRecordings.moc"
