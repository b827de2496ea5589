#pragma once
#include <cstdint>

#include "data/PreparedCorpus.h"
#include "data/SampleAssembler.h"

namespace m2ds {

class ProgressMonitor;

/// Spec 3.4 "dataset stats": mean and unbiased std (+ float eps) over all values of one random crop from each of
/// min(count, size) distinct items of the speech set; the noise set's mean likewise.
namespace DatasetStatisticsEstimator {
/// count: crops per set (official n_norm_calc/2 = 5000); noise may be null. Deterministic for a seed.
DatasetStatistics estimate(const SampleAssembler& cropper, const PreparedCorpus& speech, const PreparedCorpus* noise,
                           std::size_t count, std::uint64_t seed, const ProgressMonitor* monitor = nullptr);
}  // namespace DatasetStatisticsEstimator

}  // namespace m2ds
