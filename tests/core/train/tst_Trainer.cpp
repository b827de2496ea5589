// The training loop's bookkeeping on the tiny geometry and a small prepared corpus (CPU, seconds): checkpoint rotation
// keeps the last keep_last; a save that fails mid-way (the file-size limit hit while writing checkpoint-2) ends the run
// with the path named, leaves the earlier checkpoints whole and no temporary file, and `--resume auto` continues from
// the last good one to the very weights of an uninterrupted run; a stop writes a checkpoint that rotation keeps; the
// LR and EMA schedules reach their ends at the right iterations of the loop, with and without gradient accumulation.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <filesystem>
#include <optional>

#include "FileSizeLimit.h"
#include "ModelFixtures.h"
#include "common/Errors.h"
#include "data/PreparedUtterance.h"
#include "model/ModelPresets.h"
#include "train/Trainer.h"
#include "train/TrainingCheckpoint.h"

using namespace m2ds;

namespace {

namespace fs = std::filesystem;
constexpr int kItems = 8, kFrames = 80, kTeacherDim = 8;  // batch 2: 4 iterations per epoch

/// Writes kItems official .npz items (log-mel [80, kFrames], teacher [kFrames / 2, kTeacherDim]) into `folder`.
void writePreparedSpeech(const QString& folder) {
    for (int item = 0; item < kItems; ++item) {
        PreparedUtterance utterance;
        utterance.logMel.shape = {80, std::size_t(kFrames)};
        for (int i = 0; i < 80 * kFrames; ++i) utterance.logMel.values.push_back(float(std::sin(0.37 * i + item) * 3.0 - 7.0));
        utterance.teacher.shape = {std::size_t(kFrames / 2), std::size_t(kTeacherDim)};
        for (int i = 0; i < kFrames / 2 * kTeacherDim; ++i) utterance.teacher.values.push_back(float(std::cos(0.11 * i * (item + 1))));
        utterance.validTeacherFrames = kFrames / 2;
        PreparedUtteranceFile::write(QDir(folder).filePath(QString("u%1.npz").arg(item)).toStdString(), utterance);
    }
}

/// Five epochs of four iterations, warm-up 2, a checkpoint every epoch, the last two kept, a step record each iteration.
TrainConfig tinyRun(const QString& speech, const QString& output) {
    TrainConfig config;
    config.speech = speech.toStdString();
    config.outputDir = output.toStdString();
    config.model = "m2d_s_vit_tiny";
    config.batchSize = 2;
    config.epochs = 5;
    config.warmupEpochs = 2;
    config.lr = 1e-3;
    config.minLr = 1e-5;
    config.emaDecayInit = 0.9;
    config.emaDecay = 0.99;
    config.seed = 3;
    config.device = "cpu";
    config.amp = "none";
    config.workers = 2;
    config.logEvery = 1;
    config.saveFreq = 1;
    config.keepLast = 2;
    config.evalFreq = 0;
    config.normStatsCrops = 20;
    return config;
}

/// Runs `config` to its end or its stop; `say` sees every progress line.
TrainingOutcome train(const TrainConfig& config, const std::function<void(const std::string&)>& say = {},
                      const std::atomic<bool>* stop = nullptr) {
    static const std::vector<ModelConfig> presets = ModelPresets::loadDirectory(test::presetsDirectory().toStdString());
    const std::atomic<bool> never{false};
    Trainer trainer(config, presets, DistributedEnvironment{}, [&say](const std::string& line) {
        if (say) say(line);
    });
    return trainer.run(stop ? *stop : never);
}

QStringList checkpointNames(const QString& folder) {
    QStringList names;
    for (const std::string& path : TrainingCheckpoint::listIn(folder.toStdString())) names << QString::fromStdString(fs::path(path).filename().string());
    return names;
}

/// The log's records of one event.
QList<QJsonObject> logRecords(const QString& folder, const QString& event) {
    QFile file(QDir(folder).filePath("log.jsonl"));
    QList<QJsonObject> records;
    if (!file.open(QIODevice::ReadOnly)) return records;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        if (record.value("event").toString() == event) records << record;
    }
    return records;
}

/// Empty when the last checkpoints of both runs hold the very same weights; else the first tensor that differs.
QString finalWeightDifference(const QString& run, const QString& reference) {
    const auto load = [](const QString& folder) { return TrainingCheckpoint::load(QDir(folder).filePath("checkpoint-4.safetensors").toStdString()).weights; };
    const StateDict a = load(run), b = load(reference);
    if (a.size() != b.size()) return QString("%1 tensors, %2 in the reference").arg(a.size()).arg(b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].first != b[i].first || a[i].second.shape != b[i].second.shape || a[i].second.values != b[i].second.values)
            return QString::fromStdString(a[i].first);
    return {};
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        speech_ = dir_.filePath("speech");
        QVERIFY(QDir().mkpath(speech_));
        writePreparedSpeech(speech_);
        uninterrupted_ = dir_.filePath("uninterrupted");
        QCOMPARE(train(tinyRun(speech_, uninterrupted_)), TrainingOutcome::Finished);
    }

    void rotationKeepsTheLastCheckpoints() {
        QCOMPARE(checkpointNames(uninterrupted_), (QStringList{"checkpoint-3.safetensors", "checkpoint-4.safetensors"}));
        const QList<QJsonObject> written = logRecords(uninterrupted_, "checkpoint");
        QCOMPARE(written.size(), 5);  // one per epoch, the older ones removed
        for (int epoch = 0; epoch < 5; ++epoch)
            QVERIFY(written[epoch].value("path").toString().endsWith(QString("checkpoint-%1.safetensors").arg(epoch)));
        const TrainingCheckpoint last = TrainingCheckpoint::load(QDir(uninterrupted_).filePath("checkpoint-4.safetensors").toStdString());
        QCOMPARE(last.state.iterations, std::int64_t{20});
        QCOMPARE(last.state.nextEpoch, std::int64_t{5});
        QCOMPARE(last.state.nextStep, std::int64_t{0});
    }

    void theSchedulesReachTheirEndsAtTheRightIterations() {
        const QList<QJsonObject> steps = logRecords(uninterrupted_, "step");
        QCOMPARE(steps.size(), 20);
        for (int i = 0; i < 20; ++i) QCOMPARE(steps[i].value("iteration").toInt(), i);
        QCOMPARE(steps[0].value("lr").toDouble(), 0.0);            // epoch 0, step 0: the warm-up starts at 0
        QCOMPARE(steps[1].value("lr").toDouble(), 1.25e-4);        // epoch 0.25 of a 2-epoch warm-up
        QCOMPARE(steps[8].value("lr").toDouble(), 1e-3);           // epoch 2, step 0: the end of the warm-up, the peak
        QCOMPARE(steps[19].value("lr").toDouble(), 2.6866715986911242e-05);  // epoch 4.75: 1e-5 + (1e-3 − 1e-5)(1 + cos(11π/12))/2
        QCOMPARE(steps[0].value("ema").toDouble(), 0.9);           // τ0 at the first iteration
        QCOMPARE(steps[10].value("ema").toDouble(), 0.9473684210526316);
        QCOMPARE(steps[19].value("ema").toDouble(), 0.99);         // τ1 at the last one
    }

    void underAccumulationTheLrOfACycleIsThatOfItsFirstIterationAndTheEmaThatOfItsLast() {
        TrainConfig config = tinyRun(speech_, dir_.filePath("accumulated"));
        config.accumIter = 2;  // updates after iterations 1, 3, 5, 7
        config.epochs = 2;
        config.warmupEpochs = 1;
        QCOMPARE(train(config), TrainingOutcome::Finished);
        const QList<QJsonObject> steps = logRecords(dir_.filePath("accumulated"), "step");
        QCOMPARE(steps.size(), 4);
        QCOMPARE(steps[0].value("iteration").toInt(), 1);
        QCOMPARE(steps[0].value("lr").toDouble(), 0.0);     // epoch 0, not 0.25
        QCOMPARE(steps[1].value("lr").toDouble(), 5e-4);    // epoch 0.5
        QCOMPARE(steps[2].value("lr").toDouble(), 1e-3);    // epoch 1: the peak
        QCOMPARE(steps[3].value("lr").toDouble(), 5.05e-4); // epoch 1.5: half-way down the cosine
        QCOMPARE(steps[0].value("ema").toDouble(), 0.9 + 0.09 / 7);  // iteration 1 of 0 … 7
        QCOMPARE(steps[3].value("ema").toDouble(), 0.99);
    }

    void aSaveThatFailsMidWayKeepsTheGoodCheckpointsAndTheRunResumesFromThem() {
        const QString output = dir_.filePath("failing");
        std::optional<test::FileSizeLimit> limit;
        int saved = 0;
        qint64 checkpointBytes = 0;
        const auto diskFillsAfterTwoCheckpoints = [&](const std::string& line) {
            if (line.rfind("checkpoint ", 0) != 0 || ++saved != 2) return;
            checkpointBytes = QFileInfo(QDir(output).filePath("checkpoint-1.safetensors")).size();
            limit.emplace(rlim_t(checkpointBytes / 2));  // the log's few kilobytes still fit, the next checkpoint does not
        };
        try {
            train(tinyRun(speech_, output), diskFillsAfterTwoCheckpoints);
            limit.reset();
            QFAIL("the run went on although a checkpoint could not be written");
        } catch (const OutputError& error) {
            limit.reset();
            QVERIFY2(QString(error.what()).contains("checkpoint-2.safetensors"), error.what());
        }
        QVERIFY(checkpointBytes > 64 * 1024);
        QVERIFY(QFileInfo(QDir(output).filePath("log.jsonl")).size() < checkpointBytes / 2);
        QCOMPARE(checkpointNames(output), (QStringList{"checkpoint-0.safetensors", "checkpoint-1.safetensors"}));
        QCOMPARE(QDir(output).entryList({"*.partial-*"}), QStringList());
        QCOMPARE(TrainingCheckpoint::load(QDir(output).filePath("checkpoint-1.safetensors").toStdString()).state.iterations, std::int64_t{8});
        const QList<QJsonObject> ends = logRecords(output, "end");  // the log says how the run ended, for whoever follows it
        QCOMPARE(ends.size(), 1);
        QCOMPARE(ends[0].value("status").toString(), QString("failed"));
        QVERIFY2(ends[0].value("message").toString().contains("checkpoint-2.safetensors"), qPrintable(ends[0].value("message").toString()));

        TrainConfig again = tinyRun(speech_, output);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, train(again));  // a new run would overwrite this one's checkpoints
        again.resume = "auto";
        QString resumedFrom;
        QCOMPARE(train(again, [&](const std::string& line) {
                     if (line.rfind("resumed from ", 0) == 0) resumedFrom = QString::fromStdString(line);
                 }),
                 TrainingOutcome::Finished);
        QVERIFY2(resumedFrom.contains("checkpoint-1.safetensors at epoch 2, step 0"), qPrintable(resumedFrom));
        QCOMPARE(checkpointNames(output), (QStringList{"checkpoint-3.safetensors", "checkpoint-4.safetensors"}));
        const QString different = finalWeightDifference(output, uninterrupted_);
        QVERIFY2(different.isEmpty(), qPrintable(different));
    }

    void aStopWritesACheckpointThatRotationKeepsAndResumeContinuesFromIt() {
        const QString output = dir_.filePath("stopped");
        std::atomic<bool> stop{false};
        const auto stopAfterTwoCheckpoints = [&](const std::string& line) {
            if (line.rfind("checkpoint ", 0) == 0 && line.find("checkpoint-1.safetensors") != std::string::npos) stop = true;
        };
        QCOMPARE(train(tinyRun(speech_, output), stopAfterTwoCheckpoints, &stop), TrainingOutcome::Stopped);
        // The next update (epoch 2, step 0) sees the request: a checkpoint after 9 iterations, inside epoch 2; the last two kept.
        QCOMPARE(checkpointNames(output), (QStringList{"checkpoint-1.safetensors", "checkpoint-2-it9.safetensors"}));
        // A killed save's leftover goes at the next start.
        QFile leftover(QDir(output).filePath("checkpoint-3.safetensors.partial-Ab12Cd"));
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        leftover.close();

        TrainConfig resumed = tinyRun(speech_, output);
        resumed.resume = "auto";
        QCOMPARE(train(resumed), TrainingOutcome::Finished);
        QVERIFY(!leftover.exists());
        QCOMPARE(checkpointNames(output), (QStringList{"checkpoint-3.safetensors", "checkpoint-4.safetensors"}));
        const QString different = finalWeightDifference(output, uninterrupted_);
        QVERIFY2(different.isEmpty(), qPrintable(different));
    }

private:
    QTemporaryDir dir_;
    QString speech_, uninterrupted_;
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_Trainer.moc"
