#pragma once
#include <string>

#include "features/FrameFeatureExtractor.h"

namespace m2ds {

class HubertModel;

/// One hidden state of a HuBERT / wav2vec 2.0 encoder over a recording, with the plain Hugging Face pipeline that
/// `m2ds extract --model HUBERT_DIR` uses: the whole file at 16 kHz mono, normalised by Wav2Vec2Processor's rule, no
/// padding. [T, hidden] float32 at 50 Hz.
class HubertLayerFeatures : public FrameFeatureExtractor {
public:
    /// model: loaded, kept by reference; layer: HF hidden_states index in [0, model.stateCount()); weightsPath names
    /// the weights in identity() (with their SHA-256, computed here once); batch: recordings per forward pass of
    /// extractEach() (0: by the model's device, hubertBatchLimits). Throws InvalidArgument for a layer outside the model.
    HubertLayerFeatures(const HubertModel& model, int layer, const std::string& weightsPath, std::size_t batch = 0);

    std::size_t dimension() const override;
    double framesPerSecond() const override;
    std::string identity() const override;
    FloatArray extract(const std::string& path, const ProgressMonitor* monitor) const override;
    /// `batch` recordings per forward pass, grouped by length: by default 16 on CUDA, one at a time on the CPU.
    void extractEach(const std::vector<std::string>& paths, const FileFeaturesSink& sink, const ProgressMonitor& monitor) const override;

private:
    const HubertModel& model_;
    int layer_;
    std::string identity_;
    std::size_t batch_;
};

}  // namespace m2ds
