#pragma once
#include <string>

#include "cli/ClusterFeatureOptions.h"

namespace m2ds {
struct Assignments;
class ClusterCollective;
}

namespace m2ds::cli {

/// `m2ds cluster assign --centroids C.npy (same feature options as learn) -o OUT`: the nearest centroid of every
/// frame (fairseq dump_km_label.py): OUT.km + dict.km.txt beside it + OUT.km.json, and per recording run-length
/// segments in OUT.segments/ as STEM.csv and a Praat TextGrid interval tier; for --features, OUT.npy of int64 ids.
/// Launched by torchrun, each process labels its contiguous share of the recordings into fairseq's shard names
/// OUT_RANK_WORLD.km (+ .km.json, .segments/), and rank 0 writes dict.km.txt with the counts of the whole job.
struct ClusterAssignCommand {
    ClusterFeatureOptions features;
    std::string centroids;
    std::string output;

    CLI::App* addTo(CLI::App& cluster);
    int run(const CommandContext& context) const;

private:
    void writeRecordingLabels(const ClusterFeatures& input, const Assignments& assignments, std::size_t k, ClusterCollective* job) const;
};

}  // namespace m2ds::cli
