// CorpusPreparer with the tiny HuBERT teacher: block-by-block batched preparation writes the files one at a time
// writes (log-mel exact, teacher within float rounding, org_hidden_len exact), skips unreadable recordings with their
// reason, prepares only its shard, and a cancelled preparation leaves complete files that the next run reuses.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sndfile.h>

#include <algorithm>
#include <filesystem>

#include "ArrayComparison.h"
#include "AudioFixtures.h"
#include "TestData.h"
#include "audio/FrontEndConfig.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "data/CorpusPreparer.h"
#include "data/PreparedUtterance.h"
#include "data/teachers/HubertTeacher.h"

using namespace m2ds;

namespace {

// The tiny HuBERT holds 1e-5 batched against alone under every OpenBLAS kernel (tst_HubertModel).
const test::Tolerance kFloat32{1e-5, 2e-6};
const double kSeconds[] = {1.0, 8.6, 3.0, 9.3, 2.2, 7.05, 12.0};

HubertTeacher tinyTeacher(BatchLimits batching) {
    return HubertTeacher(HubertModel::load(test::sourcePath("tests/golden/hubert/tiny/base").toStdString()), 2, "tiny", batching);
}

/// Speech-like chirps of kSeconds (each its own pitch) and one file that is not audio, sorted paths.
std::vector<std::string> writeRecordings(const QString& folder) {
    QDir().mkpath(folder);
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < std::size(kSeconds); ++i) {
        const QString path = QString("%1/%2.wav").arg(folder).arg(i);
        test::writeAudio(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine(180.0 + 40.0 * double(i), kSeconds[i], 16000));
        paths.push_back(path.toStdString());
    }
    QFile broken(folder + "/broken.wav");
    broken.open(QIODevice::WriteOnly);
    broken.write("RIFF, but nothing after it");
    paths.push_back(broken.fileName().toStdString());
    std::sort(paths.begin(), paths.end());
    return paths;
}

PreparationSettings speechSettings() {
    PreparationSettings settings;
    settings.threads = 2;
    return settings;
}

}  // namespace

class TestCorpusPreparer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        recordings_ = writeRecordings(dir_.filePath("speech"));
    }

    void teacherBatchesWriteWhatOneAtATimeWrites() {
        const HubertTeacher alone = tinyTeacher({1, 0}), batched = tinyTeacher({3, 3 * 16000 * 20});
        QCOMPARE(batched.batchSize(), std::size_t(3));
        const PreparedSet single = CorpusPreparer(FrontEndConfig{}, &alone, speechSettings()).prepare(recordings_, dir_.filePath("one").toStdString(), {});
        const PreparedSet batches = CorpusPreparer(FrontEndConfig{}, &batched, speechSettings()).prepare(recordings_, dir_.filePath("batched").toStdString(), {});
        QCOMPARE(single.files.size(), std::size(kSeconds));
        QCOMPARE(batches.files.size(), single.files.size());
        QCOMPARE(batches.skipped.size(), std::size_t(1));
        QVERIFY2(QString::fromStdString(batches.skipped.front()).contains("broken.wav"), batches.skipped.front().c_str());
        for (std::size_t i = 0; i < single.files.size(); ++i) {
            const PreparedUtterance expected = PreparedUtteranceFile::read(single.files[i]);
            const PreparedUtterance actual = PreparedUtteranceFile::read(batches.files[i]);
            QCOMPARE(actual.logMel.shape, expected.logMel.shape);
            QVERIFY(actual.logMel.values == expected.logMel.values);
            QCOMPARE(actual.teacher.shape, expected.teacher.shape);
            QCOMPARE(actual.validTeacherFrames, expected.validTeacherFrames);
            M2DS_COMPARE_ARRAYS(test::compareArrays(actual.teacher.values.data(), expected.teacher.values.data(), expected.teacher.values.size()),
                                kFloat32);
        }
        // 1 s is padded to 7 s: 349 frames at 50 Hz, 49 of them its own (org_hidden_len = 349 · 16000 // 112000).
        const PreparedUtterance shortest = PreparedUtteranceFile::read(single.files[0]);
        QCOMPARE(shortest.teacher.shape, (std::vector<std::size_t>{349, 32}));
        QCOMPARE(shortest.validTeacherFrames, std::size_t(349 * 16000 / 112000));
    }

    void aShardPreparesOnlyItsBlock() {
        const HubertTeacher batched = tinyTeacher({2, 0});
        const CorpusPreparer preparer(FrontEndConfig{}, &batched, speechSettings());
        const std::string output = dir_.filePath("shard").toStdString();
        const PreparationOutcome outcome = preparer.prepareShard(recordings_, output, PreparationShard{1, 3}, {});
        const auto [first, end] = PreparationShard{1, 3}.rangeOf(recordings_.size());
        const std::vector<std::string> targets = preparer.targetsOf(recordings_, output);
        for (std::size_t i = 0; i < recordings_.size(); ++i) {
            QCOMPARE(bool(outcome.usable[i]), i >= first && i < end && recordings_[i].find("broken") == std::string::npos);
            QCOMPARE(std::filesystem::exists(targets[i]), bool(outcome.usable[i]));
        }
    }

    void aCancelledPreparationLeavesCompleteFilesThatTheNextRunReuses() {
        const HubertTeacher batched = tinyTeacher({2, 0});
        const CorpusPreparer preparer(FrontEndConfig{}, &batched, speechSettings());
        const std::string output = dir_.filePath("cancelled").toStdString();
        ProgressMonitor monitor;
        int reports = 0;
        const ProgressMonitor cancelling = monitor.withCallback([&](double) {
            if (++reports == 3) monitor.cancel();
        });
        QVERIFY_THROWS_EXCEPTION(CancelledError, preparer.prepare(recordings_, output, cancelling));
        std::size_t written = 0;
        for (const std::string& target : preparer.targetsOf(recordings_, output))
            if (std::filesystem::exists(target)) {
                ++written;
                QVERIFY(PreparedUtteranceFile::read(target).hasTeacher());  // atomic writes: nothing half-written
            }
        QVERIFY2(written >= 2 && written < std::size(kSeconds), qPrintable(QString::number(written)));
        const PreparedSet resumed = preparer.prepare(recordings_, output, {});
        QCOMPARE(resumed.reused, written);
        QCOMPARE(resumed.files.size(), std::size(kSeconds));
    }

private:
    QTemporaryDir dir_;
    std::vector<std::string> recordings_;
};

QTEST_APPLESS_MAIN(TestCorpusPreparer)
#include "tst_CorpusPreparer.moc"
