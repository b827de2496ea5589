#pragma once
#include <string>
#include <vector>

#include "analysis/ClipPooling.h"
#include "probe/ProbeExperiment.h"

namespace m2ds {

class ClipEmbeddingCache;
class LabelledSet;
class LayerEmbeddingExtractor;
class ProgressMonitor;

/// A model to probe: what it is called in reports (the checkpoint path as given) and its layer extractor.
struct ProbedModel {
    std::string checkpoint;
    const LayerEmbeddingExtractor* extractor = nullptr;
};

/// The inputs of a clip-level probe study gathered from a labelled set: the log-mel mean+std baseline and every
/// model's pooled layers, through the clip-embedding cache, on the recordings every one of them could read.
struct ClipProbeData {
    ProbeExamples examples;
    std::vector<ProbeEmbeddings> models;
    std::vector<std::string> files;    ///< the recordings probed, row order
    std::vector<std::string> skipped;  ///< "FILE: reason" of every recording left out

    /// Baseline first, then each model in order (equal parts of the progress). Throws InputError when
    /// no recording is usable or fewer than two labels remain, CancelledError through `progress`.
    static ClipProbeData gather(const LabelledSet& set, const std::vector<ProbedModel>& models, ClipPoolingKind pooling,
                                const ClipEmbeddingCache& cache, const ProgressMonitor& progress);
};

}  // namespace m2ds
