#include "features/RecordingClipPools.h"

#include <string>

#include "common/Errors.h"

namespace m2ds {

RecordingClipPools::RecordingClipPools(std::size_t layers, std::size_t dim, ClipPoolingKind pooling)
    : layerCount_(layers), dim_(dim), pooling_(pooling) {
    restart();
}

void RecordingClipPools::add(const std::vector<FloatArray>& layers) {
    if (layers.size() != layerCount_)
        throw InvalidArgument("the extractor delivered " + std::to_string(layers.size()) + " layers instead of " + std::to_string(layerCount_));
    for (std::size_t l = 0; l < layerCount_; ++l) {
        if (layers[l].shape.size() != 2 || layers[l].shape[1] != dim_)
            throw InvalidArgument("the extractor delivered frames of another width than " + std::to_string(dim_));
        pools_[l].add(layers[l].values.data(), layers[l].shape[0]);
    }
}

std::vector<float> RecordingClipPools::take() {
    std::vector<float> values;
    if (pools_.front().frames() > 0)
        for (const ClipPooling& pool : pools_) {
            const std::vector<float> pooled = pool.result();
            values.insert(values.end(), pooled.begin(), pooled.end());
        }
    restart();
    return values;
}

void RecordingClipPools::restart() { pools_.assign(layerCount_, ClipPooling(pooling_, dim_)); }

}  // namespace m2ds
