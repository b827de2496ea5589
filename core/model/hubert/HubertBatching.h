#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "common/FloatArray.h"
#include "common/LengthBuckets.h"

namespace m2ds {

class HubertModel;

/// Recordings per HuBERT pass on CUDA unless asked otherwise, and the padded audio one pass may hold per recording
/// (16 × 20 s).
constexpr std::size_t kCudaHubertBatch = 16;
constexpr double kHubertBatchSecondsPerRecording = 20.0;

/// How HuBERT passes on `device` ("cpu", "cuda", "cuda:N") are batched: `requested` recordings per pass (0:
/// kCudaHubertBatch on CUDA, 1 on the CPU, where batching gains nothing), at most that many × 20 s of padded 16 kHz
/// samples per pass.
BatchLimits hubertBatchLimits(const std::string& device, std::size_t requested);

/// HubertModel::hiddenStatesOfBatch() over the length buckets of `waves` (16 kHz, normalised) within `limits`:
/// [wave][requested layer] → [T_i, hidden] float32, in the order of `waves`, each equal to hiddenStates() of that
/// wave alone up to float rounding. Consumes `waves`.
std::vector<std::vector<FloatArray>> hiddenStatesInBuckets(const HubertModel& model, std::vector<std::vector<float>> waves,
                                                           const std::vector<int>& layers, const BatchLimits& limits);

}  // namespace m2ds
