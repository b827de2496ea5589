#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cli/CommandContext.h"
#include "features/FeatureSource.h"

namespace CLI {
class App;
}

namespace m2ds::cli {

/// The frame features a `m2ds cluster` command works on, and where they came from.
struct ClusterFeatures {
    std::unique_ptr<FeatureSource> source;
    std::vector<std::string> files;          ///< per utterance, in order (empty for --features)
    std::vector<std::size_t> frames;         ///< frames of each utterance
    std::vector<RowRange> utterances;        ///< their row ranges in `source`
    std::vector<std::string> skipped;        ///< "FILE: reason" of unusable inputs
    double framesPerSecond = 0.0;            ///< 0 when unknown (--features)
    std::string identity;                    ///< JSON: the extractor (or the .npy), for sidecars
    std::unique_ptr<FeatureSource> whole;    ///< for a share (shareOf): the features `source` is part of

    /// Process `rank` of `world`'s contiguous share of the utterances (of the rows, for --features), as fairseq's
    /// dump scripts split a manifest into nshard shards.
    static ClusterFeatures shareOf(ClusterFeatures all, int rank, int world);
};

/// `SOURCE… (--model CKPT|HUBERT_DIR --layer L | --mfcc | --prepared DIR | --features X.npy) [--cache DIR] [--device D]`, shared
/// by `cluster learn` and `cluster assign`: recordings' features are computed once into the feature cache (fairseq's
/// .npy + .len layout) and read from there.
struct ClusterFeatureOptions {
    std::vector<std::string> sources;
    std::string model;
    int layer = -1;
    bool mfcc = false;
    std::string prepared;
    std::string features;
    std::string cache;
    std::string device = "cpu";

    /// Adds the options to `command`.
    void addTo(CLI::App& command);
    /// An error message when the options do not name exactly one kind of features (with what it needs), else "".
    std::string usageProblem() const;
    /// Computes (or reuses) the features; throws InputError, OutputError, CancelledError.
    ClusterFeatures resolve(const CommandContext& context) const;

private:
    ClusterFeatures fromDump(const CommandContext& context) const;
    std::vector<std::string> inputFiles() const;
    std::string cacheRoot() const;
};

}  // namespace m2ds::cli
