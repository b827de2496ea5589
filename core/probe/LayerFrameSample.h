#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds {

class LayerEmbeddingExtractor;
class ProgressMonitor;

/// The same frames of recordings seen by one or two models, layer by layer: what layer × layer similarity (CKA) is
/// computed on. Two models must run at the same frame rate; each recording contributes the frames both produced
/// (the shorter count), evenly spaced so that every recording has at most maxFrames / files rows.
struct LayerFrameSample {
    std::vector<std::vector<RowMatrix>> models;  ///< per model, one [n, D] matrix per layer (same n everywhere)
    std::vector<std::string> skipped;            ///< "FILE: reason" for every unusable recording
    std::size_t recordings = 0;                  ///< recordings that contributed

    /// Throws InvalidArgument when the models' frame rates differ or no model is given, InputError when no recording
    /// is usable, CancelledError through `progress`.
    static LayerFrameSample collect(const std::vector<std::string>& files, const std::vector<const LayerEmbeddingExtractor*>& models,
                                    std::size_t maxFrames, const ProgressMonitor& progress);
};

}  // namespace m2ds
