#pragma once
#include <string>
#include <vector>

#include "features/LayerEmbeddingExtractor.h"

namespace m2ds {

class M2dsModel;

/// Layers of an M2D / M2D-S encoder over a recording in one streamed pass, as `m2ds extract` computes them
/// (RecordingEmbeddings: file → 16 kHz → log-mel normalised with the model's statistics → chunks of the model's input
/// width): [T, rows · dim] per layer at 1 / (patch width · hop) (50 Hz for M2D-S).
class ModelLayerEmbeddings : public LayerEmbeddingExtractor {
public:
    /// model: loaded (encoder parts suffice), kept by reference; layers: each in [0, depth], not empty; checkpointPath
    /// names the weights in identity() (with their SHA-256, computed here once). threads: front-end threads (0 = all).
    /// Throws InvalidArgument for an empty list or a layer outside the model, InputError when the checkpoint cannot
    /// be read.
    ModelLayerEmbeddings(const M2dsModel& model, std::vector<int> layers, const std::string& checkpointPath, int threads = 0);

    const std::vector<int>& layers() const override { return layers_; }
    std::size_t dimension() const override;
    double framesPerSecond() const override;
    std::string identity() const override { return identity_; }
    std::size_t extract(const std::string& path, const LayerFramesSink& sink, const ProgressMonitor* monitor) const override;
    /// RecordingEmbeddings::extractAll: on CUDA, files shorter than a forward pass share passes.
    void extractEach(const std::vector<std::string>& paths, const RecordingFramesSink& sink, const ProgressMonitor* monitor) const override;

private:
    const M2dsModel& model_;
    std::vector<int> layers_;
    int threads_;
    std::string identity_;
};

}  // namespace m2ds
