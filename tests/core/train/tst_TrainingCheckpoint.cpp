// Training checkpoints on disk: a save reads back whole (weights, AdamW moments, run settings, resume state); a save
// that fails mid-way (the file-size limit hit while writing) leaves the older file byte for byte and no temporary file
// behind; a model file without resume state and a truncated file are refused with the file named; the run's checkpoints
// are listed oldest first by write time, ties in the order of training, and leftovers of a killed save, other files and
// folders are not checkpoints.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

#include "FileSizeLimit.h"
#include "checkpoint/SafetensorsFile.h"
#include "common/Errors.h"
#include "train/TrainingCheckpoint.h"

using namespace m2ds;

namespace {

namespace fs = std::filesystem;

/// A checkpoint with `floats` values per tensor, all `value`, one weight and one AdamW moment, at iteration `iterations`.
TrainingCheckpoint syntheticCheckpoint(std::size_t floats, float value, std::int64_t iterations) {
    TrainingCheckpoint checkpoint;
    checkpoint.model.maskRatio = 0.7;
    checkpoint.train.speech = "/data/speech";
    checkpoint.train.outputDir = "/runs/a";
    checkpoint.train.batchSize = 8;
    checkpoint.state.iterations = iterations;
    checkpoint.state.nextEpoch = 2;
    checkpoint.state.nextStep = 3;
    checkpoint.state.statistics = DatasetStatistics{-7.5, 4.25, -9.0};
    checkpoint.state.teacherKind = "mfcc40";
    checkpoint.weights = {{"blocks.0.attn.qkv.weight", FloatArray{{floats}, std::vector<float>(floats, value)}}};
    checkpoint.optimiser = {{"optimizer.exp_avg.blocks.0.attn.qkv.weight", FloatArray{{floats}, std::vector<float>(floats, -value)}}};
    return checkpoint;
}

QByteArray bytesOf(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Names of the entries of `folder`, sorted.
QStringList entries(const QString& folder) { return QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot, QDir::Name); }

/// Writes an empty file at `folder/name` modified at `time`.
void touch(const QString& folder, const QString& name, fs::file_time_type time) {
    const std::string path = QDir(folder).filePath(name).toStdString();
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    fs::last_write_time(path, time);
}

QStringList fileNames(const std::vector<std::string>& paths) {
    QStringList names;
    for (const std::string& path : paths) names << QString::fromStdString(fs::path(path).filename().string());
    return names;
}

}  // namespace

class TestTrainingCheckpoint : public QObject {
    Q_OBJECT
private slots:
    void aSavedCheckpointReadsBackWhole() {
        QTemporaryDir dir;
        const QString path = dir.filePath("checkpoint-1.safetensors");
        syntheticCheckpoint(6, 0.5f, 17).save(path.toStdString());
        const TrainingCheckpoint loaded = TrainingCheckpoint::load(path.toStdString());
        QCOMPARE(loaded.model.maskRatio, 0.7);
        QCOMPARE(loaded.train.speech, std::string("/data/speech"));
        QCOMPARE(loaded.train.batchSize, 8);
        QCOMPARE(loaded.state.iterations, std::int64_t{17});
        QCOMPARE(loaded.state.nextEpoch, std::int64_t{2});
        QCOMPARE(loaded.state.nextStep, std::int64_t{3});
        QCOMPARE(loaded.state.statistics.speechStd, 4.25);
        QCOMPARE(loaded.state.teacherKind, std::string("mfcc40"));
        QCOMPARE(loaded.weights.size(), std::size_t{1});  // the moments apart from the weights
        QCOMPARE(loaded.weights[0].first, std::string("blocks.0.attn.qkv.weight"));
        QCOMPARE(loaded.weights[0].second.values, std::vector<float>(6, 0.5f));
        QCOMPARE(loaded.optimiser.size(), std::size_t{1});
        QCOMPARE(loaded.optimiser[0].second.values, std::vector<float>(6, -0.5f));
    }

    void aSaveThatFailsMidWayLeavesTheOlderFileAndNoTemporaryOne() {
        QTemporaryDir dir;
        const QString path = dir.filePath("checkpoint-3.safetensors");
        syntheticCheckpoint(65536, 1.0f, 10).save(path.toStdString());  // 2 × 256 KiB of tensors
        const QByteArray before = bytesOf(path);
        QVERIFY(before.size() > 512 * 1024);
        try {
            const test::FileSizeLimit limit(300 * 1024);  // the header and the weights fit, the moments do not
            syntheticCheckpoint(65536, 2.0f, 20).save(path.toStdString());
            QFAIL("a save past the file-size limit succeeded");
        } catch (const OutputError& error) {
            QVERIFY2(QString(error.what()).contains(path), error.what());
        }
        QCOMPARE(bytesOf(path), before);
        QCOMPARE(entries(dir.path()), QStringList{"checkpoint-3.safetensors"});  // no *.partial-* left
        QCOMPARE(TrainingCheckpoint::load(path.toStdString()).state.iterations, std::int64_t{10});
    }

    void aSaveIntoAMissingFolderNamesThePath() {
        QTemporaryDir dir;
        const std::string path = QDir(dir.path()).filePath("gone/checkpoint-0.safetensors").toStdString();
        QVERIFY_THROWS_EXCEPTION(OutputError, syntheticCheckpoint(4, 1.0f, 1).save(path));
    }

    void aModelFileIsNotATrainingCheckpoint() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("checkpoint-0.safetensors").toStdString();
        SafetensorsFile::write(path, syntheticCheckpoint(4, 1.0f, 1).weights, {{"m2ds.config", ModelConfig{}.toJson()}});
        try {
            TrainingCheckpoint::load(path);
            QFAIL("a model without resume state loaded as a training checkpoint");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("not a training checkpoint"), error.what());
        }
    }

    void aTruncatedCheckpointIsRefusedWithItsName() {
        QTemporaryDir dir;
        const QString path = dir.filePath("checkpoint-0.safetensors");
        syntheticCheckpoint(4, 1.0f, 1).save(path.toStdString());
        QVERIFY(QFile::resize(path, 12));  // a few bytes of the header length and the header
        try {
            TrainingCheckpoint::load(path.toStdString());
            QFAIL("a truncated checkpoint loaded");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains(path), error.what());
        }
    }

    void checkpointsAreListedOldestFirstByWriteTime() {
        QTemporaryDir dir;
        const auto now = fs::file_time_type::clock::now();
        // A run resumed from checkpoint-1 after checkpoint-3 was written: checkpoint-2 is newer than checkpoint-3.
        touch(dir.path(), "checkpoint-1.safetensors", now - std::chrono::seconds(30));
        touch(dir.path(), "checkpoint-3.safetensors", now - std::chrono::seconds(20));
        touch(dir.path(), "checkpoint-2.safetensors", now - std::chrono::seconds(10));
        touch(dir.path(), "checkpoint-4.safetensors.partial-a1B2c3", now);  // a killed save's leftover
        touch(dir.path(), "checkpoint-4.pth", now);
        touch(dir.path(), "model.safetensors", now);
        QVERIFY(QDir(dir.path()).mkdir("checkpoint-5.safetensors"));
        const auto listed = TrainingCheckpoint::listIn(dir.path().toStdString());
        QCOMPARE(fileNames(listed), (QStringList{"checkpoint-1.safetensors", "checkpoint-3.safetensors", "checkpoint-2.safetensors"}));
        QCOMPARE(TrainingCheckpoint::latestIn(dir.path().toStdString()), listed.back());
        QCOMPARE(TrainingCheckpoint::latestIn(dir.filePath("missing").toStdString()), std::string());
    }

    void checkpointsWrittenInTheSameClockTickAreListedInTheOrderOfTraining() {
        // File times are as coarse as the kernel's clock tick (and a copied run folder has them all alike): names
        // then decide, by their numbers — epoch 10 after epoch 9, the end of epoch 10 after a stop inside it.
        QTemporaryDir dir;
        const auto tick = fs::file_time_type::clock::now();
        for (const char* name : {"checkpoint-10.safetensors", "checkpoint-9.safetensors", "checkpoint-10-it44.safetensors",
                                 "checkpoint-2.safetensors", "checkpoint-10-it8.safetensors"})
            touch(dir.path(), name, tick);
        QCOMPARE(fileNames(TrainingCheckpoint::listIn(dir.path().toStdString())),
                 (QStringList{"checkpoint-2.safetensors", "checkpoint-9.safetensors", "checkpoint-10-it8.safetensors",
                              "checkpoint-10-it44.safetensors", "checkpoint-10.safetensors"}));
        QCOMPARE(QString::fromStdString(fs::path(TrainingCheckpoint::latestIn(dir.path().toStdString())).filename().string()),
                 QString("checkpoint-10.safetensors"));
    }
};

QTEST_GUILESS_MAIN(TestTrainingCheckpoint)
#include "tst_TrainingCheckpoint.moc"
