#include "data/teachers/ModelLayerTeacher.h"

#include <algorithm>

#include "audio/LogMelSpectrogram.h"

namespace m2ds {

ModelLayerTeacher::ModelLayerTeacher(M2dsModel model, int layer, std::string label)
    : model_(std::move(model)), layer_(layer), label_(std::move(label)) {}

std::string ModelLayerTeacher::kind() const { return "model:" + label_ + ":" + std::to_string(layer_); }

FloatArray ModelLayerTeacher::compute(const TeacherInput& input) const {
    const LogMelSpectrogram& logMel = input.logMel;
    const ModelConfig& config = model_.config();
    FloatArray normalised{{static_cast<std::size_t>(logMel.melCount), logMel.frameCount}, logMel.values};
    normaliseLogMel(normalised.values.data(), normalised.values.size(), config.normMean, config.normStd);
    FloatArray features;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        features = model_.extract(normalised, {layer_}).front();
    }
    const std::size_t frames = logMel.frameCount / 2, dim = features.shape[1];
    const std::size_t repeat = std::max(1, config.patchTime / 2);
    FloatArray out{{frames, dim}, std::vector<float>(frames * dim)};
    for (std::size_t f = 0; f < frames; ++f) {
        const std::size_t source = std::min(f / repeat, features.shape[0] - 1);
        std::copy_n(features.values.begin() + static_cast<std::ptrdiff_t>(source * dim), dim, out.values.begin() + static_cast<std::ptrdiff_t>(f * dim));
    }
    return out;
}

}  // namespace m2ds
