// The batch loader's promise: the batches of (epoch, step) are a pure function of the seed and the layout. The number
// of worker threads, the cache budget, a seek (a resume) or prefetched batches dropped by a seek never change them; a
// bad file is rethrown by next() with its name. Noise items come in shuffled cycles that run on across epochs.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>

#include "common/Errors.h"
#include "data/PreparedCorpus.h"
#include "data/PreparedUtterance.h"
#include "data/SampleAssembler.h"
#include "data/TrainingBatchLoader.h"

using namespace m2ds;

namespace {

constexpr std::size_t kMel = 4, kFrames = 40, kTeacherDim = 3;

/// Item `item` of a set: every log-mel value and teacher value differs from those of every other item and position.
PreparedUtterance distinctItem(std::size_t item, bool teacher) {
    PreparedUtterance utterance;
    utterance.logMel.shape = {kMel, kFrames};
    for (std::size_t i = 0; i < kMel * kFrames; ++i) utterance.logMel.values.push_back(std::sin(0.1f * float(i) + float(item)) + 0.01f * float(item));
    if (teacher) {
        utterance.teacher.shape = {kFrames / 2, kTeacherDim};
        for (std::size_t i = 0; i < kFrames / 2 * kTeacherDim; ++i) utterance.teacher.values.push_back(float(item * 1000 + i));
        utterance.validTeacherFrames = kFrames / 2;
    }
    return utterance;
}

/// An item whose log-mel is `value` everywhere (speech: with a teacher).
PreparedUtterance constantItem(float value, bool teacher) {
    PreparedUtterance utterance = distinctItem(0, teacher);
    std::fill(utterance.logMel.values.begin(), utterance.logMel.values.end(), value);
    return utterance;
}

/// Writes `count` items as official .npz (speech) or .npy (noise) files into `folder`.
std::vector<std::string> writeItems(const QString& folder, const QString& stem, std::size_t count, bool speech) {
    std::vector<std::string> files;
    for (std::size_t i = 0; i < count; ++i) {
        files.push_back(QDir(folder).filePath(QString("%1%2.%3").arg(stem).arg(i).arg(speech ? "npz" : "npy")).toStdString());
        PreparedUtteranceFile::write(files.back(), distinctItem(i, speech));
    }
    return files;
}

SampleSettings noisySettings() {
    SampleSettings settings;
    settings.cropFrames = 8;
    settings.patchTime = 2;
    settings.melCount = kMel;
    settings.noiseRatio = 0.3;
    return settings;
}

/// The batches next() hands out, one after the other.
std::vector<TrainingBatch> drain(TrainingBatchLoader& loader, std::size_t count) {
    std::vector<TrainingBatch> batches;
    for (std::size_t i = 0; i < count; ++i) batches.push_back(loader.next());
    return batches;
}

/// Empty when equal, else what differs.
QString difference(const TrainingBatch& a, const TrainingBatch& b) {
    if (a.epoch != b.epoch || a.step != b.step) return QString("position (%1, %2) vs (%3, %4)").arg(a.epoch).arg(a.step).arg(b.epoch).arg(b.step);
    if (a.size != b.size || a.teacherDim != b.teacherDim || a.teacherFrames != b.teacherFrames) return "shapes";
    if (a.inputs != b.inputs) return QString("inputs of (%1, %2)").arg(a.epoch).arg(a.step);
    if (a.teacher != b.teacher) return QString("teacher of (%1, %2)").arg(a.epoch).arg(a.step);
    return {};
}

}  // namespace

class TestTrainingBatchLoader : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        speechFiles_ = writeItems(dir_.path(), "speech", 11, true);  // batch 2, accum 2: 5 steps, 4 kept per epoch
        noiseFiles_ = writeItems(dir_.path(), "noise", 3, false);   // fewer than a cycle: refilled mid-epoch
    }

    void theSameSeedGivesTheSameBatchesWhateverTheWorkerCount() {
        const PreparedCorpus speech(speechFiles_, kMel), noise(noiseFiles_, kMel, std::size_t{1} << 30, false);
        const SampleAssembler assembler(noisySettings(), DatasetStatistics{0.1, 0.9, -0.2});
        const std::size_t batches = 3 * 4 + 1;  // three epochs and one step into the fourth
        TrainingBatchLoader reference(speech, &noise, assembler, LoaderLayout{2, 1, 0, 7, 1, 2});
        QCOMPARE(reference.stepsPerEpoch(), std::size_t{4});
        const std::vector<TrainingBatch> expected = drain(reference, batches);
        for (std::size_t i = 0; i < batches; ++i) {
            QCOMPARE(expected[i].epoch, i / 4);
            QCOMPARE(expected[i].step, i % 4);
            const QString built = difference(expected[i], reference.build(i / 4, i % 4));
            QVERIFY2(built.isEmpty(), qPrintable(built));
        }
        for (int workers : {0, 2, 3, 16}) {  // 16: more batches ahead than an epoch holds
            TrainingBatchLoader loader(speech, &noise, assembler, LoaderLayout{2, 1, 0, 7, workers, 2});
            const std::vector<TrainingBatch> got = drain(loader, batches);
            for (std::size_t i = 0; i < batches; ++i) {
                const QString problem = difference(got[i], expected[i]);
                QVERIFY2(problem.isEmpty(), qPrintable(QString("%1 workers: %2").arg(workers).arg(problem)));
            }
        }
    }

    void theCacheBudgetDoesNotChangeTheBatches() {
        const PreparedCorpus cached(speechFiles_, kMel), uncached(speechFiles_, kMel, 0);  // budget 0: read every time
        const PreparedCorpus noise(noiseFiles_, kMel, std::size_t{1} << 30, false), noiseUncached(noiseFiles_, kMel, 0, false);
        const SampleAssembler assembler(noisySettings(), DatasetStatistics{});
        TrainingBatchLoader a(cached, &noise, assembler, LoaderLayout{2, 1, 0, 5, 3, 1});
        TrainingBatchLoader b(uncached, &noiseUncached, assembler, LoaderLayout{2, 1, 0, 5, 3, 1});
        for (std::size_t i = 0; i < 8; ++i) {
            const QString problem = difference(a.next(), b.next());
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }

    void anotherSeedGivesOtherBatches() {
        const PreparedCorpus speech(speechFiles_, kMel), noise(noiseFiles_, kMel, std::size_t{1} << 30, false);
        const SampleAssembler assembler(noisySettings(), DatasetStatistics{});
        const TrainingBatchLoader seven(speech, &noise, assembler, LoaderLayout{2, 1, 0, 7, 1, 1});
        const TrainingBatchLoader eight(speech, &noise, assembler, LoaderLayout{2, 1, 0, 8, 1, 1});
        QVERIFY(seven.build(0, 0).inputs != eight.build(0, 0).inputs);
        QVERIFY(seven.build(0, 0).inputs != seven.build(1, 0).inputs);  // and each epoch its own order and crops
    }

    void aSeekContinuesAsAnUninterruptedRunAndDropsWhatWasPrefetched() {
        const PreparedCorpus speech(speechFiles_, kMel), noise(noiseFiles_, kMel, std::size_t{1} << 30, false);
        const SampleAssembler assembler(noisySettings(), DatasetStatistics{});
        const LoaderLayout layout{2, 1, 0, 11, 3, 2};
        TrainingBatchLoader uninterrupted(speech, &noise, assembler, layout);
        const std::vector<TrainingBatch> expected = drain(uninterrupted, 10);
        TrainingBatchLoader resumed(speech, &noise, assembler, layout);
        drain(resumed, 2);      // three more are being built ahead for (0, 2), (0, 3), (1, 0)
        resumed.seek(1, 1);     // a resume at epoch 1, step 1: those are dropped
        for (std::size_t i = 5; i < 10; ++i) {
            const QString problem = difference(resumed.next(), expected[i]);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        resumed.seek(0, 0);  // back again
        const QString first = difference(resumed.next(), expected[0]);
        QVERIFY2(first.isEmpty(), qPrintable(first));
    }

    void ranksSplitTheGlobalBatchWhateverTheirWorkerCounts() {
        const PreparedCorpus speech(speechFiles_, kMel), noise(noiseFiles_, kMel, std::size_t{1} << 30, false);
        const SampleAssembler assembler(noisySettings(), DatasetStatistics{});
        TrainingBatchLoader single(speech, &noise, assembler, LoaderLayout{4, 1, 0, 3, 1, 1});
        TrainingBatchLoader rank0(speech, &noise, assembler, LoaderLayout{2, 2, 0, 3, 4, 1});
        TrainingBatchLoader rank1(speech, &noise, assembler, LoaderLayout{2, 2, 1, 3, 0, 1});
        for (std::size_t i = 0; i < 5; ++i) {  // two epochs of two steps, and one more
            const TrainingBatch whole = single.next(), first = rank0.next(), second = rank1.next();
            std::vector<float> joined = first.inputs, teacher = first.teacher;
            joined.insert(joined.end(), second.inputs.begin(), second.inputs.end());
            teacher.insert(teacher.end(), second.teacher.begin(), second.teacher.end());
            QVERIFY2(joined == whole.inputs, qPrintable(QString("batch %1").arg(i)));
            QVERIFY2(teacher == whole.teacher, qPrintable(QString("batch %1").arg(i)));
        }
    }

    void noiseComesInShuffledCyclesThatRunOnAcrossEpochs() {
        // Constant speech and one constant value per noise item: each sample's mixed value tells which noise item it got.
        QTemporaryDir folder;
        std::vector<std::string> speechFiles, noiseFiles;
        for (std::size_t i = 0; i < 11; ++i) {
            speechFiles.push_back(QDir(folder.path()).filePath(QString("s%1.npz").arg(i)).toStdString());
            PreparedUtteranceFile::write(speechFiles.back(), constantItem(0.0f, true));
        }
        std::vector<float> mixedValueOf;  // noise item -> the value it mixes to
        const SampleAssembler assembler(noisySettings(), DatasetStatistics{});
        for (std::size_t k = 0; k < 3; ++k) {
            noiseFiles.push_back(QDir(folder.path()).filePath(QString("n%1.npy").arg(k)).toStdString());
            PreparedUtteranceFile::write(noiseFiles.back(), constantItem(float(k + 1), false));
            DeterministicRandom random({k});
            const PreparedUtterance noiseItem = constantItem(float(k + 1), false);
            mixedValueOf.push_back(assembler.assemble(constantItem(0.0f, true), &noiseItem, random).input[0]);
        }
        const PreparedCorpus speech(speechFiles, kMel), noise(noiseFiles, kMel, std::size_t{1} << 30, false);
        const TrainingBatchLoader loader(speech, &noise, assembler, LoaderLayout{2, 1, 0, 9, 1, 1});  // 10 samples per epoch
        std::vector<std::size_t> picked;  // noise item of every sample, epoch after epoch
        for (std::size_t epoch = 0; epoch < 3; ++epoch)
            for (std::size_t step = 0; step < loader.stepsPerEpoch(); ++step) {
                const TrainingBatch batch = loader.build(epoch, step);
                for (std::size_t b = 0; b < batch.size; ++b) {
                    const auto found = std::find(mixedValueOf.begin(), mixedValueOf.end(), batch.inputs[b * kMel * 8]);
                    QVERIFY(found != mixedValueOf.end());
                    picked.push_back(std::size_t(found - mixedValueOf.begin()));
                }
            }
        QCOMPARE(picked.size(), std::size_t{30});
        std::set<std::vector<std::size_t>> orders;
        for (std::size_t cycle = 0; cycle < 10; ++cycle) {  // each run of 3 samples uses every noise item once
            std::vector<std::size_t> items(picked.begin() + std::ptrdiff_t(3 * cycle), picked.begin() + std::ptrdiff_t(3 * cycle + 3));
            orders.insert(items);
            std::sort(items.begin(), items.end());
            QVERIFY2((items == std::vector<std::size_t>{0, 1, 2}), qPrintable(QString("cycle %1").arg(cycle)));
        }
        QVERIFY(orders.size() > 1);  // shuffled anew per cycle, not round-robin
        QVERIFY(!std::equal(picked.begin(), picked.begin() + 10, picked.begin() + 10));  // epoch 1 does not repeat epoch 0
    }

    void aBadFileIsRethrownByNextWithItsName() {
        QTemporaryDir folder;
        std::vector<std::string> files = writeItems(folder.path(), "speech", 4, true);
        const QString broken = QString::fromStdString(files[2]);
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("not a zip archive");
        file.close();
        const PreparedCorpus speech(files, kMel);
        SampleSettings settings = noisySettings();
        settings.noiseRatio = 0.0;
        const SampleAssembler assembler(settings, DatasetStatistics{});
        TrainingBatchLoader loader(speech, nullptr, assembler, LoaderLayout{4, 1, 0, 1, 2, 1});  // every batch holds every item
        try {
            loader.next();
            QFAIL("a batch with an unreadable item was built");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains(broken), error.what());
        }
    }

private:
    QTemporaryDir dir_;
    std::vector<std::string> speechFiles_, noiseFiles_;
};

QTEST_GUILESS_MAIN(TestTrainingBatchLoader)
#include "tst_TrainingBatchLoader.moc"
