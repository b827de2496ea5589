#include "analysis/PatchReconstruction.h"

#include <cmath>

#include "analysis/MaskedInspection.h"
#include "analysis/ReadoutFeatures.h"
#include "common/Errors.h"

namespace m2ds {

PatchReconstruction::PatchReconstruction(const ModelConfig& config, const InspectionGeometry& geometry)
    : config_(config), geometry_(geometry) {}

RowMatrix PatchReconstruction::patches(const FloatArray& input, const ModelConfig& config) {
    const std::size_t batch = input.shape.at(0), bins = input.shape.at(2), frames = input.shape.at(3);
    const std::size_t pf = std::size_t(config.patchFrequency), pt = std::size_t(config.patchTime);
    const std::size_t cols = frames / pt, rows = bins / pf, tokens = rows * cols;
    RowMatrix out{batch * tokens, pf * pt, std::vector<float>(batch * tokens * pf * pt)};
    for (std::size_t b = 0; b < batch; ++b)
        for (std::size_t token = 0; token < tokens; ++token) {
            const std::size_t row = token / cols, col = token % cols;
            float* target = out.values.data() + (b * tokens + token) * pf * pt;
            for (std::size_t f = 0; f < pf; ++f)
                for (std::size_t t = 0; t < pt; ++t)
                    target[f * pt + t] = input.values[(b * bins + row * pf + f) * frames + col * pt + t];
        }
    return out;
}

void PatchReconstruction::writePatch(std::vector<float>& image, int c, int token, const float* values) const {
    const int cols = config_.gridCols(), pf = config_.patchFrequency, pt = config_.patchTime;
    const std::size_t width = image.size() / std::size_t(config_.inputFrequency);
    const std::size_t left = std::size_t(c) * std::size_t(config_.inputFrames) + std::size_t(token % cols) * std::size_t(pt);
    for (int f = 0; f < pf; ++f)
        for (int t = 0; t < pt; ++t) {
            const std::size_t mel = std::size_t(token / cols * pf + f);
            image[mel * width + left + std::size_t(t)] = values[f * pt + t] * config_.normStd + config_.normMean;
        }
}

RowMatrix PatchReconstruction::readMasked(const MaskedInspectionResult& result, const LinearReadout& readout, bool ofTarget) const {
    const std::size_t dim = std::size_t(result.latentDim), rows = result.masked.size();
    if (readout.inputDim() != dim) throw InvalidArgument("readout takes " + std::to_string(readout.inputDim()) + " features, the model gives " + std::to_string(dim));
    RowMatrix out{rows, readout.outputDim(), std::vector<float>(rows * readout.outputDim(), 0.0f)};
    std::vector<float> features(dim);
    const std::vector<float>& latents = ofTarget ? result.targetLatent : result.predicted;
    for (std::size_t r = 0; r < rows; ++r) {
        if (!result.masked[r]) continue;
        if (ofTarget)
            ReadoutFeatures::ofTarget(latents.data() + r * dim, dim, features.data());
        else
            ReadoutFeatures::ofPrediction(latents.data() + r * dim, dim, features.data());
        readout.apply(features.data(), out.values.data() + r * out.cols);
    }
    return out;
}

PatchImages PatchReconstruction::draw(const MaskedInspectionResult& result, const LinearReadout* readout) const {
    if (result.input.values.empty()) throw InvalidArgument("patch images need an inspection run with keepLatents and a predictor");
    const RowMatrix real = patches(result.input, config_);
    const int tokens = config_.tokens(), chunks = result.chunks.count;
    PatchImages images;
    images.melCount = config_.inputFrequency;
    images.frames = std::size_t(chunks) * std::size_t(config_.inputFrames);
    const float blank = std::numeric_limits<float>::quiet_NaN();
    images.modelInput.assign(std::size_t(images.melCount) * images.frames, blank);
    images.patchError.assign(std::size_t(chunks) * std::size_t(tokens), blank);
    RowMatrix predicted, target;
    if (readout) {
        images.reconstruction = images.modelInput;
        images.targetReadout = images.modelInput;
        predicted = readMasked(result, *readout, false);
        target = readMasked(result, *readout, true);
    }
    double errorSum = 0.0;
    int errorCount = 0;
    for (int c = 0; c < chunks; ++c)
        for (int token = 0; token < tokens; ++token) {
            if (geometry_.isPadding(result.chunks.first + c, token)) continue;
            const std::size_t index = std::size_t(c) * std::size_t(tokens) + std::size_t(token);
            const float* patch = real.row(index);
            const bool masked = result.masked[index] != 0;
            if (!masked) writePatch(images.modelInput, c, token, patch);
            if (!readout) continue;
            writePatch(images.reconstruction, c, token, masked ? predicted.row(index) : patch);
            writePatch(images.targetReadout, c, token, masked ? target.row(index) : patch);
            if (!masked) continue;
            double squares = 0.0;
            for (std::size_t i = 0; i < real.cols; ++i) squares += std::pow(double(predicted.row(index)[i] - patch[i]) * config_.normStd, 2);
            images.patchError[index] = float(squares / double(real.cols));
            errorSum += images.patchError[index];
            ++errorCount;
        }
    if (errorCount) images.meanPatchError = float(errorSum / errorCount);
    return images;
}

}  // namespace m2ds
