#pragma once
#include <cstddef>
#include <vector>

#include "analysis/ClipPooling.h"
#include "common/FloatArray.h"

namespace m2ds {

/// Pools the frames of one recording after the other, one ClipPooling per layer: the clip embeddings
/// ClipEmbeddingCache keeps for each file.
class RecordingClipPools {
public:
    /// layers: arrays per chunk; dim: columns D of every frame.
    RecordingClipPools(std::size_t layers, std::size_t dim, ClipPoolingKind pooling);

    /// Adds a chunk of the current recording's frames: one [frames, D] float32 array per layer. Throws
    /// InvalidArgument for another layer count or width.
    void add(const std::vector<FloatArray>& layers);
    /// The current recording's pooled layers, [layers, P] row-major float32 (empty when no frame came), and a fresh
    /// start for the next recording.
    std::vector<float> take();
    /// Drops what the current recording added.
    void restart();

private:
    std::size_t layerCount_, dim_;
    ClipPoolingKind pooling_;
    std::vector<ClipPooling> pools_;
};

}  // namespace m2ds
