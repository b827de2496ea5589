#pragma once
// Shared by the cluster tests: the sklearn references (tests/golden/cluster/make_kmeans_references.py) and fairseq
// feature shards written from them.
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds::test {

/// An array of tests/golden/cluster/kmeans_references.npz (read once); throws InputError when it is missing.
const FloatArray& kmeansReference(const std::string& name);
/// An integer array of the references (stored as int32) as labels.
std::vector<std::int32_t> kmeansReferenceLabels(const std::string& name);
/// Writes consecutive rows of features [N, D] as fairseq shards dir/train_<i>_<n>.npy + .len, shardRows[i] rows each,
/// cut into utterances of utteranceFrames rows (the last of a shard shorter); returns the .npy paths.
std::vector<std::string> writeFeatureShards(const QString& dir, const FloatArray& features, const std::vector<std::size_t>& shardRows,
                                            std::size_t utteranceFrames);

}  // namespace m2ds::test
