// The data pipeline of spec 3.4: crops within the valid length, teacher frames at j/2 pooled per patch column,
// noise tiled when short, the power-domain mix, dataset statistics, and the deterministic, shardable batch order.
#include <QtTest>
#include <cmath>
#include <set>

#include "common/Errors.h"
#include "data/DatasetStatisticsEstimator.h"
#include "data/PreparedUtterance.h"
#include "data/SampleAssembler.h"
#include "data/TrainingBatchLoader.h"

using namespace m2ds;

namespace {
constexpr std::size_t kMel = 4;

/// A log-mel whose value tells where it came from: mel·1000 + frame (+ offset), and teacher value = frame.
PreparedUtterance ramp(std::size_t frames, std::size_t validTeacherFrames, float offset = 0.0f, std::size_t teacherDim = 3) {
    PreparedUtterance utterance;
    utterance.logMel.shape = {kMel, frames};
    for (std::size_t m = 0; m < kMel; ++m)
        for (std::size_t t = 0; t < frames; ++t) utterance.logMel.values.push_back(static_cast<float>(m * 1000 + t) + offset);
    utterance.teacher.shape = {frames / 2, teacherDim};
    for (std::size_t f = 0; f < frames / 2; ++f)
        for (std::size_t d = 0; d < teacherDim; ++d) utterance.teacher.values.push_back(static_cast<float>(f));
    utterance.validTeacherFrames = validTeacherFrames;
    return utterance;
}

SampleSettings settings(std::size_t crop, std::size_t patchTime, double noiseRatio = 0.0) {
    SampleSettings s;
    s.cropFrames = crop;
    s.patchTime = patchTime;
    s.melCount = kMel;
    s.noiseRatio = noiseRatio;
    return s;
}

/// A folder-free corpus: items written to a temporary folder as official .npz files.
std::vector<std::string> writeCorpus(const QString& folder, std::size_t count, std::size_t frames) {
    std::vector<std::string> files;
    for (std::size_t i = 0; i < count; ++i) {
        files.push_back(QDir(folder).filePath(QString("u%1.npz").arg(i)).toStdString());
        PreparedUtteranceFile::write(files.back(), ramp(frames, frames / 2, static_cast<float>(i) / 16.0f));
    }
    return files;
}
}  // namespace

class TestSampleAssembler : public QObject {
    Q_OBJECT
private slots:
    void cropsSpeechAndItsTeacherFramesTogether() {
        const SampleAssembler assembler(settings(8, 2), DatasetStatistics{0.0, 1.0, 0.0});
        const PreparedUtterance speech = ramp(40, 20);
        for (std::uint64_t seed = 0; seed < 20; ++seed) {
            DeterministicRandom random({seed});
            const TrainingSample sample = assembler.assemble(speech, nullptr, random);
            const auto start = static_cast<std::size_t>(sample.input[0]);
            QVERIFY(start <= 32);
            QCOMPARE(sample.input[1000 / 1000 * 8 + 3], static_cast<float>(1000 + start + 3));  // mel 1, frame start+3
            QCOMPARE(sample.teacher.size(), std::size_t{4 * 3});
            QCOMPARE(sample.teacher[0], static_cast<float>(start / 2));
            QCOMPARE(sample.teacher[3 * 3], static_cast<float>(start / 2 + 3));
        }
    }

    void keepsCropsInsideTheValidLengthAndPadsShortSpeech() {
        const SampleAssembler assembler(settings(8, 2), DatasetStatistics{0.0, 1.0, 0.0});
        // 100 frames, but only 6 teacher frames valid: raw_emb_len = max(6, 4) = 6 → 12 usable frames.
        for (std::uint64_t seed = 0; seed < 30; ++seed) {
            DeterministicRandom random({seed});
            QVERIFY(assembler.assemble(ramp(100, 6), nullptr, random).input[0] <= 4.0f);
        }
        DeterministicRandom random({1});
        const TrainingSample shortSample = assembler.assemble(ramp(5, 2), nullptr, random);  // 5 frames < crop 8
        QCOMPARE(shortSample.input[4], 4.0f);
        QCOMPARE(shortSample.input[5], 0.0f);  // zero padding (before the mean is subtracted)
    }

    void poolsTeacherFramesForWidePatches() {
        const SampleAssembler assembler(settings(8, 4), DatasetStatistics{0.0, 1.0, 0.0});
        DeterministicRandom random({3});
        const TrainingSample sample = assembler.assemble(ramp(8, 4), nullptr, random);
        QCOMPARE(sample.teacher.size(), std::size_t{2 * 3});
        QCOMPARE(sample.teacher[0], 0.5f);  // mean of teacher frames 0 and 1
        QCOMPARE(sample.teacher[3], 2.5f);
    }

    void mixesNoiseInThePowerDomainAndTilesShortNoise() {
        const DatasetStatistics statistics{2.0, 4.0, -1.0};
        const SampleAssembler assembler(settings(8, 2, 0.2), statistics);
        PreparedUtterance noise = ramp(3, 1);  // 3 frames, tiled to 9 ≥ 8
        for (float& value : noise.logMel.values) value = std::fmod(value, 1000.0f) * 0.1f;  // mel-independent: 0, 0.1, 0.2
        DeterministicRandom random({7});
        const PreparedUtterance speech = ramp(8, 4);
        const TrainingSample sample = assembler.assemble(speech, &noise, random);
        for (std::size_t t = 0; t < 8; ++t) {
            // Noise value at frame t is one of the three, repeating with period 3 from some start.
            const double s = speech.logMel.values[t] - 2.0;
            bool matched = false;
            for (int k = 0; k < 3; ++k) {
                const double n = 0.1 * k + 1.0;
                const double expected = std::log(std::max(0.2 * std::exp(n) + 0.8 * std::exp(s), 1.1920929e-7)) / 4.0;
                matched |= std::abs(sample.input[t] - expected) < 1e-5;
            }
            QVERIFY2(matched, qPrintable(QString("frame %1").arg(t)));
        }
    }

    void estimatesScalarStatisticsFromRandomCrops() {
        QTemporaryDir folder;
        const PreparedCorpus corpus(writeCorpus(folder.path(), 6, 40), kMel);
        const SampleAssembler cropper(settings(8, 2), DatasetStatistics{});
        const DatasetStatistics statistics = DatasetStatisticsEstimator::estimate(cropper, corpus, &corpus, 5, 1);
        // Values are mel·1000 + frame (+ item offset): the mean lies near 1500 and the std near 1118.
        QVERIFY(std::abs(statistics.speechMean - 1500.0) < 40.0);
        QVERIFY(std::abs(statistics.speechStd - 1118.0) < 10.0);
        QCOMPARE(statistics.noiseMean, DatasetStatisticsEstimator::estimate(cropper, corpus, &corpus, 5, 1).noiseMean);
    }

    void batchesAreDeterministicAndShardAcrossRanks() {
        QTemporaryDir folder;
        const PreparedCorpus speech(writeCorpus(folder.path(), 9, 40), kMel);
        const SampleAssembler assembler(settings(8, 2), DatasetStatistics{0.0, 1.0, 0.0});
        LoaderLayout single{4, 1, 0, 42, 3};
        TrainingBatchLoader one(speech, nullptr, assembler, single);
        QCOMPARE(one.stepsPerEpoch(), std::size_t{2});  // 9 items, global batch 4, drop_last
        one.seek(1, 1);
        QVERIFY(one.next().inputs == one.build(1, 1).inputs);
        QVERIFY(one.next().inputs == one.build(2, 0).inputs);  // rolls into the next epoch
        QVERIFY(one.build(0, 0).inputs != one.build(1, 0).inputs);
        TrainingBatchLoader rank0(speech, nullptr, assembler, LoaderLayout{2, 2, 0, 42, 1});
        TrainingBatchLoader rank1(speech, nullptr, assembler, LoaderLayout{2, 2, 1, 42, 1});
        for (std::size_t step = 0; step < 2; ++step) {
            std::vector<float> joined = rank0.build(3, step).inputs;
            const auto second = rank1.build(3, step).inputs;
            joined.insert(joined.end(), second.begin(), second.end());
            QVERIFY(joined == one.build(3, step).inputs);
        }
        std::set<float> items;  // each item at most once per epoch: item i's values are offset by i/16
        for (std::size_t step = 0; step < 2; ++step) {
            const TrainingBatch batch = one.build(0, step);
            for (std::size_t b = 0; b < batch.size; ++b) items.insert(batch.inputs[b * kMel * 8] - std::floor(batch.inputs[b * kMel * 8]));
        }
        QCOMPARE(items.size(), std::size_t{8});
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, TrainingBatchLoader(speech, nullptr, assembler, LoaderLayout{10, 1, 0, 0, 1}));
        // Epochs hold whole accumulation cycles: 9 items in batches of 2 make 4 steps, 3 of them with accum_iter 3.
        QCOMPARE(TrainingBatchLoader(speech, nullptr, assembler, LoaderLayout{2, 1, 0, 42, 1, 3}).stepsPerEpoch(), std::size_t{3});
    }
};

QTEST_GUILESS_MAIN(TestSampleAssembler)
#include "tst_SampleAssembler.moc"
