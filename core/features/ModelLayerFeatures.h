#pragma once
#include <string>

#include "features/FrameFeatureExtractor.h"

namespace m2ds {

class M2dsModel;

/// One layer of an M2D / M2D-S encoder over a recording, as `m2ds extract` computes it (file → 16 kHz → log-mel
/// normalised with the model's statistics → chunks of the model's input width): [T, D] at 1 / (patch width · hop).
class ModelLayerFeatures : public FrameFeatureExtractor {
public:
    /// model: loaded (encoder parts suffice), kept by reference; layer in [0, depth]; checkpointPath names the
    /// weights in identity() (with their SHA-256, computed here once). threads: front-end threads (0 = all).
    /// Throws InvalidArgument for a layer outside the model.
    ModelLayerFeatures(const M2dsModel& model, int layer, const std::string& checkpointPath, int threads = 0);

    std::size_t dimension() const override;
    double framesPerSecond() const override;
    std::string identity() const override;
    FloatArray extract(const std::string& path, const ProgressMonitor* monitor) const override;
    /// RecordingEmbeddings::extractAll: on CUDA, files shorter than a forward pass share passes.
    void extractEach(const std::vector<std::string>& paths, const FileFeaturesSink& sink, const ProgressMonitor& monitor) const override;

private:
    const M2dsModel& model_;
    int layer_;
    int threads_;
    std::string identity_;
};

}  // namespace m2ds
