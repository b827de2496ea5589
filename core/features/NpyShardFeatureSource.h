#pragma once
#include <cstddef>
#include <fstream>
#include <string>
#include <vector>

#include "features/FeatureSource.h"

namespace m2ds {

/// Features dumped as fairseq's HuBERT recipe does (examples/hubert/simple_kmeans/dump_*_feature.py): per shard a
/// NAME.npy [rows, D] float32 and a NAME.len with one frame count per utterance, in order. Shards are concatenated;
/// rows are read from disk on demand (nothing is held in memory but the shard layouts).
class NpyShardFeatureSource : public FeatureSource {
public:
    /// npyPaths: the shards' .npy files in order; NAME.len sits beside each NAME.npy. Without requireLengths a
    /// missing .len makes its shard one utterance. Throws InputError naming the file: not float32 ('<f4'), not 2-D,
    /// truncated, D differing from the first shard's, a .len that is unreadable or does not add up to the rows.
    explicit NpyShardFeatureSource(const std::vector<std::string>& npyPaths, bool requireLengths = true);
    /// fairseq's names: {dir}/{split}_{rank}_{nshard}.npy/.len for rank 0 .. nshard-1.
    static NpyShardFeatureSource fairseqLayout(const std::string& dir, const std::string& split, int nshard);

    /// Rows N.
    std::size_t rowCount() const override;
    /// Columns D.
    std::size_t dimension() const override;
    /// Rows [first, first + count) into out, [count, D] float32.
    void readRows(std::size_t first, std::size_t count, float* out) const override;
    /// The listed rows into out, [rows.size(), D] float32.
    void gatherRows(const std::vector<std::size_t>& rows, float* out) const override;
    /// The first shard's .npy path (+ how many more shards).
    std::string label() const override;
    /// The shard file of global row `row` and its row, utterance and frame there.
    RowLocation locate(std::size_t row) const override;

    /// Number of shards.
    std::size_t shardCount() const { return shards_.size(); }
    /// Per shard, the global row range of each utterance (from the .len files).
    std::vector<std::vector<RowRange>> utterances() const;

private:
    struct Shard {
        std::string npyPath;
        std::size_t firstRow = 0;
        std::size_t rows = 0;
        std::size_t columns = 0;
        std::size_t dataOffset = 0;
        std::vector<std::size_t> frames;  ///< per utterance
    };
    static Shard openShard(const std::string& npyPath, bool requireLengths);
    std::size_t shardOf(std::size_t row) const;
    /// Rows [first, first + count) (global, inside `shard`) from `in`, the shard's .npy opened by openData.
    void readFromShard(std::ifstream& in, const Shard& shard, std::size_t first, std::size_t count, float* out) const;
    static std::ifstream openData(const Shard& shard);

    std::vector<Shard> shards_;
    std::size_t rows_ = 0;
    std::size_t dimension_ = 0;
};

}  // namespace m2ds
