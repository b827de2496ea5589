#pragma once
#include <string>
#include <vector>

#include "features/LayerEmbeddingExtractor.h"

namespace m2ds {

class HubertModel;

/// Hidden states of a HuBERT / wav2vec 2.0 encoder over a recording in one pass, with the plain Hugging Face pipeline
/// of HubertLayerFeatures (the whole file at 16 kHz mono, normalised by Wav2Vec2Processor's rule, no padding):
/// [T, hidden] float32 per layer at 50 Hz, delivered in one chunk.
class HubertLayerEmbeddings : public LayerEmbeddingExtractor {
public:
    /// model: loaded, kept by reference; layers: HF hidden_states indices in [0, model.stateCount()), not empty;
    /// weightsPath names the weights in identity() (with their SHA-256, computed here once); batch: recordings per
    /// forward pass of extractEach() (0: by the model's device, hubertBatchLimits). Throws InvalidArgument for an
    /// empty list or a layer outside the model, InputError when the weights cannot be read.
    HubertLayerEmbeddings(const HubertModel& model, std::vector<int> layers, const std::string& weightsPath, std::size_t batch = 0);

    const std::vector<int>& layers() const override { return layers_; }
    std::size_t dimension() const override;
    double framesPerSecond() const override;
    std::string identity() const override { return identity_; }
    std::size_t extract(const std::string& path, const LayerFramesSink& sink, const ProgressMonitor* monitor) const override;
    /// `batch` recordings per forward pass, grouped by length (hiddenStatesInBuckets): by default 16 on CUDA, one at a
    /// time on the CPU.
    void extractEach(const std::vector<std::string>& paths, const RecordingFramesSink& sink, const ProgressMonitor* monitor) const override;

private:
    const HubertModel& model_;
    std::vector<int> layers_;
    std::string identity_;
    std::size_t batch_;
};

}  // namespace m2ds
