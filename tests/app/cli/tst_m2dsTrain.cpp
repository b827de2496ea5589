// End-to-end runs of `m2ds prepare` and `m2ds train` on real speech (pocketsphinx-testdata) and real noise
// (sonic-pi-samples) with the tiny geometry: the loss falls, a stopped run resumes bit-exactly, kill -9 never
// corrupts a checkpoint, two processes (c10d Gloo over 127.0.0.1) match one, a NaN stops the run.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <numeric>

#include "ArrayComparison.h"
#include "TestData.h"
#include "ModelFixtures.h"
#include "ProcessJob.h"
#include "common/NpyFile.h"
#include "common/NpzFile.h"
#include "train/TrainingCheckpoint.h"

using namespace m2ds;

namespace {

const QString kSpeech = "/usr/share/pocketsphinx/test/data";
const QString kNoise = "/usr/share/sonic-pi/samples";

using Run = test::ProcessRun;

Run m2dsRun(const QStringList& arguments, int timeoutMs = 300000) { return test::runProgram(QStringLiteral(M2DS_EXECUTABLE), arguments, timeoutMs); }

QList<QJsonObject> logRecords(const QString& runFolder, const QString& event) {
    QFile file(QDir(runFolder).filePath("log.jsonl"));
    QList<QJsonObject> records;
    if (!file.open(QIODevice::ReadOnly)) return records;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        if (record.value("event").toString() == event) records << record;
    }
    return records;
}

/// iteration → loss of every "step" record (the last one wins when a resumed run repeats an iteration).
QMap<int, double> losses(const QString& runFolder) {
    QMap<int, double> byIteration;
    for (const QJsonObject& record : logRecords(runFolder, "step")) byIteration[record.value("iteration").toInt()] = record.value("loss").toDouble();
    return byIteration;
}

}  // namespace

class TestM2dsTrain : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        M2DS_REQUIRE_RECORDING(kSpeech + "/librivox/sense_and_sensibility_01_austen_64kb-0870.wav", "pocketsphinx-testdata");
        M2DS_REQUIRE_RECORDING(kNoise + "/ambi_choir.flac", "sonic-pi-samples");
        QVERIFY(dir_.isValid());
        // Every run below trains on these prepared sets (10 utterances of speech, 165 clips of noise).
        const Run speech = m2dsRun({"prepare", kSpeech, "-o", dir_.filePath("speech"), "--teacher", "mfcc"});
        QVERIFY2(speech.exitCode == 0 && speech.out.contains("10 prepared (0 already there)"), qPrintable(speech.out + speech.err));
        QCOMPARE(m2dsRun({"prepare", "--noise", kNoise, "-o", dir_.filePath("noise")}).exitCode, 0);
    }

    void prepareWritesTheOfficialLayoutResumably() {
        const QString speech = dir_.filePath("speech");
        const auto arrays = NpzFile::read(QDir(speech).filePath("librivox/sense_and_sensibility_01_austen_64kb-0870.npz").toStdString());
        QCOMPARE(arrays.size(), std::size_t{3});
        const auto& logMel = arrays[0].second.shape;
        QVERIFY(logMel.size() == 3 && logMel[0] == 1 && logMel[1] == 80 && logMel[2] >= 701);  // padded to at least 7 s
        QCOMPARE(arrays[1].second.shape, (std::vector<std::size_t>{1, logMel[2] / 2, 40}));   // 50 Hz MFCC targets
        QVERIFY(arrays[2].second.values[0] > 100 && arrays[2].second.values[0] <= logMel[2] / 2);  // valid length
        QVERIFY(QFile::exists(QDir(speech).filePath("files.csv")));
        QVERIFY(m2dsRun({"prepare", kSpeech, "-o", speech}).out.contains("10 prepared (10 already there)"));
    }

    void preparedNamesFollowTheSourceTree() {
        // LibriSpeech has speakers 103 and 1034: folder names that are string prefixes of each other.
        QTemporaryDir source;
        QVERIFY(QDir(source.path()).mkpath("103/1240") && QDir(source.path()).mkpath("1034/121119"));
        QVERIFY(QFile::copy(kSpeech + "/cards/001.wav", source.filePath("103/1240/a.wav")));
        QVERIFY(QFile::copy(kSpeech + "/cards/002.wav", source.filePath("1034/121119/b.wav")));
        const QString out = dir_.filePath("tree");
        QCOMPARE(m2dsRun({"prepare", source.path(), "-o", out, "--teacher", "none"}).exitCode, 0);
        QVERIFY(QFile::exists(out + "/103/1240/a.npz"));
        QVERIFY(QFile::exists(out + "/1034/121119/b.npz"));
    }

    void interruptedPreparationExitsCleanlyAndResumes() {
        const QString asterisk = "/usr/share/asterisk/sounds/en_US_f_Allison";
        M2DS_REQUIRE_RECORDING(asterisk + "/activated.wav", "asterisk-core-sounds-en-wav");
        const QString out = dir_.filePath("interrupted");
        QProcess process;
        process.start(QStringLiteral(M2DS_EXECUTABLE), {"prepare", asterisk, "-o", out});
        QTRY_VERIFY_WITH_TIMEOUT(QDir(out).entryList({"*.npz"}, QDir::Files).size() >= 3, 60000);
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);  // no abort from a worker thread
        QCOMPARE(process.exitCode(), 130);
        const Run resumed = m2dsRun({"prepare", asterisk, "-o", out});
        QCOMPARE(resumed.exitCode, 0);
        QVERIFY2(!resumed.out.contains("(0 already there)"), qPrintable(resumed.out));
    }

    void teachersFromAModelLayerAndFromNpyFiles() {
        // Layer 1 of the tiny M2D-S checkpoint (32-d at 50 Hz) as self-distillation targets.
        const QString modelTargets = dir_.filePath("model-targets");
        const Run fromModel = m2dsRun({"prepare", kSpeech + "/cards", "-o", modelTargets, "--teacher", "model:" + test::tinyCheckpoint() + ":1"});
        QVERIFY2(fromModel.exitCode == 0, qPrintable(fromModel.err));
        const auto arrays = NpzFile::read(QDir(modelTargets).filePath("001.npz").toStdString());
        QCOMPARE(arrays[1].second.shape, (std::vector<std::size_t>{1, arrays[0].second.shape[2] / 2, 32}));
        QVERIFY(QFile(QDir(modelTargets).filePath("prepared.json")).open(QIODevice::ReadOnly));
        // Per-file features the user brings: <stem>.npy beside each recording (here: copies of those targets).
        QTemporaryDir own;
        QVERIFY(QFile::copy(kSpeech + "/cards/001.wav", own.filePath("001.wav")));
        FloatArray features = arrays[1].second;
        NpyFile::writeFloat32(own.filePath("001.npy").toStdString(), features.shape, features.values.data());
        const Run fromNpy = m2dsRun({"prepare", own.path(), "-o", dir_.filePath("npy-targets"), "--teacher", "npy"});
        QVERIFY2(fromNpy.exitCode == 0, qPrintable(fromNpy.err));
        QVERIFY(NpzFile::read(dir_.filePath("npy-targets/001.npz").toStdString())[1].second.values == features.values);
        const Run missing = m2dsRun({"prepare", kSpeech + "/cards", "-o", dir_.filePath("no-targets"), "--teacher", "npy"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("no teacher features at"), qPrintable(missing.err));
    }

    void lossFallsOnATinyRun() {
        const QString out = dir_.filePath("falls");
        const Run run = m2dsRun(trainArguments(out, 8) << "--lr" << "1e-3");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<double> loss = losses(out).values();
        QCOMPARE(loss.size(), 40);
        const double first = std::accumulate(loss.begin(), loss.begin() + 5, 0.0) / 5, last = std::accumulate(loss.end() - 5, loss.end(), 0.0) / 5;
        QVERIFY2(last < 0.7 * first, qPrintable(QString("first five %1, last five %2").arg(first).arg(last)));
        QCOMPARE(logRecords(out, "rankme").size(), 2);
        QCOMPARE(logRecords(out, "end").last().value("status").toString(), QString("finished"));
        const auto checkpoint = TrainingCheckpoint::load(QDir(out).filePath("checkpoint-7.safetensors").toStdString());
        QCOMPARE(checkpoint.state.iterations, std::int64_t{40});
        QCOMPARE(checkpoint.state.teacherKind, std::string("mfcc40"));
        QVERIFY(std::abs(checkpoint.model.normMean - checkpoint.state.statistics.speechMean) < 1e-5);
        QCOMPARE(m2dsRun({"ckpt", "info", QDir(out).filePath("checkpoint-7.safetensors")}).exitCode, 0);
        checkTensorBoardEvents(out, int(loss.size()));  // every logged step reaches TensorBoard too
    }


    void accumulationCyclesStayInsideEpochs() {
        // 10 utterances at batch 2 make 5 iterations; with accum_iter 2 an epoch keeps 4 (two updates).
        const QString out = dir_.filePath("accumulated");
        const Run run = m2dsRun(trainArguments(out, 2) << "--accum_iter" << "2");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(losses(out).keys(), (QList<int>{1, 3, 5, 7}));  // one record per update, at the cycle's last iteration
        const auto checkpoint = TrainingCheckpoint::load(QDir(out).filePath("checkpoint-1.safetensors").toStdString());
        QCOMPARE(checkpoint.state.iterations, std::int64_t{8});
        QCOMPARE(checkpoint.state.optimiserUpdates, std::int64_t{4});
    }

    void resumeAfterAStopIsBitExact() {
        const QString straight = dir_.filePath("straight"), stopped = dir_.filePath("stopped");
        QCOMPARE(m2dsRun(trainArguments(straight, 6)).exitCode, 0);
        const Run again = m2dsRun(trainArguments(straight, 6));  // a finished run's folder is not overwritten by accident
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already holds checkpoints of a run: continue it with --resume auto"), qPrintable(again.err));
        QProcess process;
        process.start(QStringLiteral(M2DS_EXECUTABLE), trainArguments(stopped, 6));
        QTRY_VERIFY_WITH_TIMEOUT(logRecords(stopped, "step").size() >= 3, 60000);
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 130);
        QCOMPARE(logRecords(stopped, "end").last().value("status").toString(), QString("stopped"));
        const int stoppedAt = logRecords(stopped, "end").last().value("iteration").toInt();
        QVERIFY(stoppedAt < 30);
        const Run resumed = m2dsRun(trainArguments(stopped, 6) << "--resume" << "auto");
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY(resumed.err.contains("resumed from"));
        const auto expected = losses(straight), actual = losses(stopped);
        QCOMPARE(actual.size(), 30);
        for (int iteration = stoppedAt; iteration < 30; ++iteration) QCOMPARE(actual[iteration], expected[iteration]);  // bit for bit
        // Resuming an epoch checkpoint by path into a new folder continues the same way.
        const QString fromEpoch = dir_.filePath("from-epoch");
        QCOMPARE(m2dsRun(trainArguments(fromEpoch, 6) << "--resume" << QDir(straight).filePath("checkpoint-2.safetensors")).exitCode, 0);
        QCOMPARE(losses(fromEpoch).firstKey(), 15);
        for (int iteration = 15; iteration < 30; ++iteration) QCOMPARE(losses(fromEpoch)[iteration], expected[iteration]);
    }

    void killNineKeepsEveryCheckpointReadable() {
        const QString out = dir_.filePath("killed");
        QProcess process;
        process.start(QStringLiteral(M2DS_EXECUTABLE), trainArguments(out, 400) << "--save_freq" << "1");
        QTRY_VERIFY_WITH_TIMEOUT(logRecords(out, "checkpoint").size() >= 2, 60000);
        ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(30000));
        const auto written = TrainingCheckpoint::listIn(out.toStdString());
        QVERIFY(!written.empty());
        for (const auto& path : written) QVERIFY(TrainingCheckpoint::load(path).state.iterations > 0);
        const std::int64_t kept = TrainingCheckpoint::load(written.back()).state.iterations;
        const Run resumed = m2dsRun(trainArguments(out, 400) << "--save_freq" << "1" << "--epochs" << QString::number(kept / 5 + 1) << "--resume" << "auto");
        QVERIFY2(resumed.exitCode == 0 || resumed.err.contains("resumed from"), qPrintable(resumed.err));
        QVERIFY(resumed.err.contains("resumed from " + QString::fromStdString(written.back())));
        // A kill during a write can leave only a temporary file beside the complete checkpoints; the next start removes it.
        for (const QString& name : QDir(out).entryList(QDir::Files)) QVERIFY2(!name.contains(".partial-"), qPrintable(name));
    }

    void twoProcessesMatchOneProcess() {
        // From audio: rank 0 prepares it while rank 1 waits for rank 0's word through the job's TCPStore.
        const auto fromAudio = [](QStringList arguments) {
            arguments[arguments.indexOf("--speech") + 1] = kSpeech;
            return arguments;
        };
        const QString one = dir_.filePath("one-process"), two = dir_.filePath("two-processes");
        QCOMPARE(m2dsRun(fromAudio(trainArguments(one, 2, 4))).exitCode, 0);
        const test::JobOutcome job =
            test::runJob(QStringLiteral(M2DS_EXECUTABLE), QStringList{"--threads", "1"} + fromAudio(trainArguments(two, 2, 2)).mid(2), 2);
        QVERIFY(job.finished);
        for (int rank = 0; rank < 2; ++rank) QVERIFY2(job.exitCodes[std::size_t(rank)] == 0, qPrintable(job.err[rank]));
        const QStringList& errors = job.err;
        const auto single = TrainingCheckpoint::load(QDir(one).filePath("checkpoint-1.safetensors").toStdString());
        const auto pair = TrainingCheckpoint::load(QDir(two).filePath("checkpoint-1.safetensors").toStdString());
        QCOMPARE(pair.state.worldSize, 2);
        QVERIFY2(errors[1].contains("waiting for rank 0 to prepare"), qPrintable(errors[1]));
        QCOMPARE(pair.weights.size(), single.weights.size());
        const test::Tolerance tolerance{1e-5, 1e-6};  // same global batches; only the gradient summation order differs
        double worst = 0.0;
        for (std::size_t i = 0; i < single.weights.size(); ++i) {
            const auto& a = pair.weights[i].second.values;
            const auto& b = single.weights[i].second.values;
            const auto comparison = test::compareArrays(a.data(), b.data(), b.size());
            QVERIFY2(comparison.within(tolerance), (single.weights[i].first + ": " + comparison.describe(tolerance)).c_str());
            worst = std::max(worst, comparison.maxAbs);
        }
        qInfo("two processes vs one after %lld updates: max abs weight difference %.3g", static_cast<long long>(pair.state.optimiserUpdates), worst);
        const auto lossesOne = losses(one), lossesTwo = losses(two);
        for (int iteration : lossesOne.keys()) QVERIFY(std::abs(lossesOne[iteration] - lossesTwo[iteration]) < 1e-4);
    }

    void nonFiniteLossStopsWithTheIterationNamed() {
        const QString out = dir_.filePath("diverged");
        const Run run = m2dsRun(trainArguments(out, 6) << "--lr" << "1e12" << "--save_freq" << "1");  // the largest lr allowed
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains("non-finite loss") && run.err.contains("at iteration"), qPrintable(run.err));
        QCOMPARE(logRecords(out, "end").last().value("status").toString(), QString("failed"));
    }

    void dryRunPrintsOneJsonLineAndWritesNothing() {
        const QString out = dir_.filePath("dry");
        const Run run = m2dsRun(trainArguments(out, 1000) << "--dry_run" << "3");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(report.value("event").toString(), QString("dry_run"));
        QVERIFY(report.value("samples_per_s").toDouble() > 0 && report.value("seconds_total").toDouble() > 0);
        QCOMPARE(report.value("total_iterations").toInt(), 5000);
        QVERIFY(!QFile::exists(QDir(out).filePath("log.jsonl")));
    }

    void unusableSourcesAreNamed() {
        const Run run = m2dsRun({"train", "--speech", dir_.filePath("nowhere"), "--output_dir", dir_.filePath("x"), "--model", "m2d_s_vit_tiny"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("nowhere: no such file or folder"), qPrintable(run.err));
    }

private:
    // The run's TensorBoard event file, read in Python with protoc-compiled TensorBoard protobufs and checked CRCs.
    void checkTensorBoardEvents(const QString& run, int steps) {
        const QStringList events = QDir(run).entryList({"events.out.tfevents.*"});
        QCOMPARE(events.size(), 1);
        M2DS_REQUIRE_RECORDING(QStringLiteral("/usr/lib/python3/dist-packages/google/protobuf"), "python3-protobuf");
        const test::ProcessRun check = test::runProgram("/usr/bin/python3", {test::sourcePath("tests/golden/tensorboard/check_event_file.py"),
                                                                            QDir(run).filePath(events[0]), "train_loss", "lr", "ema_decay",
                                                                            "loss_m2d", "loss_off", "grad_norm", "samples_per_s", "rankme"});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
        QVERIFY2(check.out.contains(QString("train_loss: %1 scalars").arg(steps)), qPrintable(check.out));
    }
    /// A tiny run on the prepared sets: 10 utterances, `batch` per step → 5 iterations per epoch at batch 2.
    QStringList trainArguments(const QString& out, int epochs, int batch = 2) const {
        return {"--threads", "2", "train", "--speech", dir_.filePath("speech"), "--noise", dir_.filePath("noise"),
                "--model", "m2d_s_vit_tiny", "--output_dir", out, "--batch_size", QString::number(batch),
                "--epochs", QString::number(epochs), "--warmup_epochs", "1", "--log_every", "1", "--save_freq", "2",
                "--eval_freq", "4", "--rankme_samples", "8"};
    }

    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestM2dsTrain)
#include "tst_m2dsTrain.moc"
