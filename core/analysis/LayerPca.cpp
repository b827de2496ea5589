#include "analysis/LayerPca.h"

#include <algorithm>

#include "audio/LogMelSpectrogram.h"
#include "analysis/FrameColouring.h"
#include "analysis/PrincipalComponents.h"
#include "model/M2dsModel.h"

namespace m2ds {

LayerPcaResult LayerPca::compute(const M2dsModel& model, const float* logMel, int melCount, std::size_t frames, int layer) {
    const ModelConfig& config = model.config();
    FloatArray input{{std::size_t(melCount), frames}, std::vector<float>(logMel, logMel + std::size_t(melCount) * frames)};
    normaliseLogMel(input.values.data(), input.values.size(), config.normMean, config.normStd);
    FloatArray layerOutput = std::move(model.extract(input, {layer}).front());
    LayerPcaResult result;
    result.embeddings = {layerOutput.shape[0], layerOutput.shape[1], std::move(layerOutput.values)};
    const int components = int(std::min<std::size_t>(3, result.embeddings.cols));
    const PrincipalComponents pca = PrincipalComponents::fit(result.embeddings, components);
    result.rgb = FrameColouring::rgb(pca.project(result.embeddings));
    for (double variance : pca.variances()) result.explained.push_back(pca.totalVariance() > 0.0 ? variance / pca.totalVariance() : 0.0);
    return result;
}

}  // namespace m2ds
