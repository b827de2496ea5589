#pragma once
#include <cstdint>
#include <vector>

#include "features/FeatureSource.h"

namespace m2ds {

/// fairseq's --percent for learning k-means (simple_kmeans/learn_kmeans.py, load_feature_shard): from each shard
/// ceil(utterances · percent) distinct utterances drawn at random without replacement; percent < 0 keeps them all.
/// utterancesPerShard: each shard's utterance row ranges (NpyShardFeatureSource::utterances()). The draw is a pure
/// function of (seed, shard); the chosen utterances are returned in row order (fairseq keeps the draw order, which
/// changes nothing but the order rows are read in). Throws InvalidArgument when percent > 1 or is NaN.
std::vector<RowRange> sampleUtterances(const std::vector<std::vector<RowRange>>& utterancesPerShard, double percent,
                                       std::uint64_t seed);

}  // namespace m2ds
