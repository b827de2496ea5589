#pragma once
#include <cstddef>
#include <vector>

namespace m2ds {

/// How much one batch of zero-padded sequences may hold.
struct BatchLimits {
    std::size_t items = 1;         ///< sequences per batch (0 counts as 1)
    std::size_t paddedLength = 0;  ///< items × the batch's longest length stays within this (0: no limit); a sequence
                                   ///< longer than the limit still gets a batch of its own
};

/// Length bucketing: sequence indices sorted by length (ties by index) and cut greedily into consecutive batches
/// within `limits`, so each batch pads little. Returns batches of indices into `lengths` (each in ascending
/// length); every index appears exactly once. Deterministic: the same lengths and limits give the same batches.
std::vector<std::vector<std::size_t>> lengthBuckets(const std::vector<std::size_t>& lengths, const BatchLimits& limits);

}  // namespace m2ds
