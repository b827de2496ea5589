#pragma once
#include <string>
#include <vector>

#include "audio/FrontEndConfig.h"
#include "features/LayerEmbeddingExtractor.h"

namespace m2ds {

/// The log-mel baseline of a probe: one "layer" (0), the normalised 80-band log-mel frames of RecordingAnalyser
/// ((x − mean) / std), [T, 80] float32 at 100 Hz. Its mean+std clip pooling is the "log-mel mean+std" baseline
/// (160 values).
class LogMelEmbeddings : public LayerEmbeddingExtractor {
public:
    /// stats: the scalar normalisation (M2D's AudioSet fallback by default, or a model's); threads: front-end
    /// threads (0 = all).
    explicit LogMelEmbeddings(Normalisation stats = {}, int threads = 0);

    const std::vector<int>& layers() const override { return layers_; }
    std::size_t dimension() const override;
    double framesPerSecond() const override;
    std::string identity() const override;
    std::size_t extract(const std::string& path, const LayerFramesSink& sink, const ProgressMonitor* monitor) const override;

private:
    Normalisation stats_;
    int threads_;
    FrontEndConfig frontEnd_;
    std::vector<int> layers_{0};
};

}  // namespace m2ds
