#include "data/DatasetStatisticsEstimator.h"

#include <cmath>
#include <limits>

#include "common/ProgressMonitor.h"

namespace m2ds {
namespace {

struct MeanStd {
    double mean, std;
};

MeanStd cropStatistics(const SampleAssembler& cropper, const PreparedCorpus& corpus, bool speech, std::size_t count,
                       std::uint64_t seed, const ProgressMonitor* monitor) {
    DeterministicRandom chooser({seed, speech ? 1u : 2u});
    const auto order = chooser.permutation(corpus.size());
    const std::size_t used = std::min(count, corpus.size());
    double sum = 0.0, squares = 0.0;
    std::size_t values = 0;
    for (std::size_t i = 0; i < used; ++i) {
        DeterministicRandom random({seed, speech ? 3u : 4u, i});
        for (float value : cropper.rawCrop(*corpus.load(order[i]), speech, random)) {
            sum += value;
            squares += static_cast<double>(value) * value;
        }
        values += cropper.settings().melCount * cropper.settings().cropFrames;
        if (monitor) monitor->report(static_cast<double>(i + 1) / static_cast<double>(used));
    }
    const double mean = sum / static_cast<double>(values);
    const double variance = (squares - static_cast<double>(values) * mean * mean) / static_cast<double>(values - 1);
    return {mean, std::sqrt(std::max(variance, 0.0)) + std::numeric_limits<float>::epsilon()};
}

}  // namespace

DatasetStatistics DatasetStatisticsEstimator::estimate(const SampleAssembler& cropper, const PreparedCorpus& speech,
                                                       const PreparedCorpus* noise, std::size_t count, std::uint64_t seed,
                                                       const ProgressMonitor* monitor) {
    DatasetStatistics statistics;
    const MeanStd speechStatistics = cropStatistics(cropper, speech, true, count, seed, monitor);
    statistics.speechMean = speechStatistics.mean;
    statistics.speechStd = speechStatistics.std;
    if (noise) statistics.noiseMean = cropStatistics(cropper, *noise, false, count, seed, nullptr).mean;
    return statistics;
}

}  // namespace m2ds
