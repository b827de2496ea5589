#include "features/UtteranceSampling.h"

#include <algorithm>
#include <cmath>

#include "common/Errors.h"
#include "common/DeterministicRandom.h"

namespace m2ds {
namespace {
constexpr std::uint64_t kPercentStream = 0x70657263656e74;  // "percent"
}

std::vector<RowRange> sampleUtterances(const std::vector<std::vector<RowRange>>& utterancesPerShard, double percent,
                                       std::uint64_t seed) {
    if (std::isnan(percent) || percent > 1.0)
        throw InvalidArgument("percent must be at most 1 (a fraction of the utterances; < 0 keeps all), got " + std::to_string(percent));
    std::vector<RowRange> chosen;
    for (std::size_t shard = 0; shard < utterancesPerShard.size(); ++shard) {
        const auto& utterances = utterancesPerShard[shard];
        if (percent < 0.0) {
            chosen.insert(chosen.end(), utterances.begin(), utterances.end());
            continue;
        }
        const auto count = static_cast<std::size_t>(std::ceil(static_cast<double>(utterances.size()) * percent));
        std::vector<std::size_t> order = DeterministicRandom{seed, kPercentStream, shard}.permutation(utterances.size());
        order.resize(std::min(count, order.size()));
        std::sort(order.begin(), order.end());
        for (std::size_t index : order) chosen.push_back(utterances[index]);
    }
    return chosen;
}

}  // namespace m2ds
