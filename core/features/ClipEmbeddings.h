#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds {

/// Clip embeddings of a list of recordings, layer by layer: what a probe fits on. Row i of every layer is files[i].
struct ClipEmbeddings {
    std::vector<std::string> files;    ///< the usable files, in input order
    std::vector<std::size_t> kept;     ///< [n] the index of each of `files` in the input list
    std::vector<std::string> skipped;  ///< "FILE: reason" for each unusable file
    std::vector<RowMatrix> layers;     ///< L matrices [n, P] float32, in the order of layerIds
    std::vector<int> layerIds;         ///< the extractor's layers
    std::string identity;              ///< the extractor's identity (JSON)
    std::string pooling;               ///< the clip pooling's name ("mean", "mean+std", …)
    std::size_t computed = 0;          ///< files computed by this call; the others were read from the cache
};

/// What ClipEmbeddingCache::ensure would do, known before doing it (cache look-ups and audio headers only).
struct ClipEmbeddingEstimate {
    std::size_t cached = 0;      ///< files whose entry is in the cache
    std::size_t missing = 0;     ///< files to compute
    std::size_t unreadable = 0;  ///< files missing on disk or whose audio header cannot be read
    std::size_t resultBytes = 0; ///< float32 bytes of the result: (cached + missing) · L · P · 4
    double missingSeconds = 0.0; ///< audio length of the files to compute, in seconds (from their headers)
};

}  // namespace m2ds
