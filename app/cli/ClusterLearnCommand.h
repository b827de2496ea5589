#pragma once
#include <string>

#include "cli/ClusterFeatureOptions.h"
#include "cluster/KMeansSettings.h"

namespace m2ds::cli {

/// `m2ds cluster learn SOURCE… (--model CKPT --layer L | --mfcc | --prepared DIR | --features X.npy) -k K
/// [--percent P] [--algorithm minibatch|lloyd] [sklearn/fairseq k-means options] -o DIR`: a codebook as fairseq's
/// learn_kmeans.py learns it, written as DIR/centroids.npy [K, D] float32 + DIR/kmeans.json. Launched by torchrun
/// (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT), the processes share each mini-batch and learn one codebook; rank 0
/// fills the feature cache first and writes the outputs.
struct ClusterLearnCommand {
    ClusterFeatureOptions features;
    KMeansSettings settings;
    double percent = -1.0;
    std::string algorithm = "minibatch";
    std::string output;

    CLI::App* addTo(CLI::App& cluster);
    int run(const CommandContext& context) const;
};

}  // namespace m2ds::cli
