#include "common/LengthBuckets.h"

#include <algorithm>
#include <numeric>

namespace m2ds {

std::vector<std::vector<std::size_t>> lengthBuckets(const std::vector<std::size_t>& lengths, const BatchLimits& limits) {
    std::vector<std::size_t> order(lengths.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return lengths[a] < lengths[b]; });
    const std::size_t items = std::max<std::size_t>(1, limits.items);
    std::vector<std::vector<std::size_t>> batches;
    for (const std::size_t index : order) {
        const bool fits = !batches.empty() && batches.back().size() < items &&
                          (limits.paddedLength == 0 || (batches.back().size() + 1) * lengths[index] <= limits.paddedLength);
        if (!fits) batches.emplace_back();
        batches.back().push_back(index);  // ascending order: this one is the batch's longest so far
    }
    return batches;
}

}  // namespace m2ds
