#include "analysis/MaskedInspection.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "audio/LogMelSpectrogram.h"
#include "common/Errors.h"
#include "model/M2dsModel.h"

namespace m2ds {

MaskedInspection::MaskedInspection(const M2dsModel& model, const float* logMel, int melCount, std::size_t frames, double framesPerSecond)
    : model_(model), logMel_(logMel), melCount_(melCount), geometry_(model.config(), frames, framesPerSecond) {
    if (melCount != model.config().inputFrequency)
        throw InvalidArgument("the recording has " + std::to_string(melCount) + " mel bins, the model takes " +
                              std::to_string(model.config().inputFrequency));
}

FloatArray MaskedInspection::inputBatch(const ChunkSpan& chunks) const {
    const ModelConfig& config = model_.config();
    const std::size_t frames = std::size_t(config.inputFrames), bins = std::size_t(melCount_), total = geometry_.recordingFrames();
    FloatArray batch{{std::size_t(chunks.count), 1, bins, frames}, std::vector<float>(std::size_t(chunks.count) * bins * frames, 0.0f)};
    for (int c = 0; c < chunks.count; ++c) {
        const std::size_t start = std::size_t(chunks.first + c) * frames;
        const std::size_t length = start < total ? std::min(frames, total - start) : 0;
        for (std::size_t mel = 0; mel < bins; ++mel) {
            const float* source = logMel_ + mel * total + start;
            float* target = batch.values.data() + (std::size_t(c) * bins + mel) * frames;
            std::copy(source, source + length, target);
            normaliseLogMel(target, length, config.normMean, config.normStd);  // the zero padding stays 0
        }
    }
    return batch;
}

std::vector<int64_t> MaskedInspection::rankNoise(const FloatArray& noise) {
    const std::size_t rows = noise.shape.at(0), tokens = noise.shape.at(1);
    std::vector<int64_t> order(rows * tokens);
    for (std::size_t r = 0; r < rows; ++r) {
        auto begin = order.begin() + std::ptrdiff_t(r * tokens);
        std::iota(begin, begin + std::ptrdiff_t(tokens), int64_t{0});
        const float* row = noise.values.data() + r * tokens;
        std::stable_sort(begin, begin + std::ptrdiff_t(tokens), [row](int64_t a, int64_t b) { return row[a] < row[b]; });
    }
    return order;
}

std::vector<char> MaskedInspection::maskFromOrder(const std::vector<int64_t>& order, int tokens, int visible) {
    std::vector<char> masked(order.size(), 0);
    for (std::size_t row = 0; row < order.size() / std::size_t(tokens); ++row)
        for (int m = visible; m < tokens; ++m) masked[row * std::size_t(tokens) + std::size_t(order[row * std::size_t(tokens) + std::size_t(m)])] = 1;
    return masked;
}

float MaskedInspection::scatterLosses(const InspectionGeometry& geometry, const ChunkSpan& chunks, const std::vector<int64_t>& order,
                                      int visible, const std::vector<float>& perTokenLoss, std::vector<float>& tokenLoss) {
    const int tokens = geometry.tokensPerChunk(), maskedCount = tokens - visible;
    tokenLoss.assign(std::size_t(chunks.count) * std::size_t(tokens), std::numeric_limits<float>::quiet_NaN());
    double sum = 0.0;
    int counted = 0;
    for (int c = 0; c < chunks.count; ++c)
        for (int m = 0; m < maskedCount; ++m) {
            const int token = int(order[std::size_t(c) * std::size_t(tokens) + std::size_t(visible + m)]);
            if (geometry.isPadding(chunks.first + c, token)) continue;
            const float loss = perTokenLoss[std::size_t(c) * std::size_t(maskedCount) + std::size_t(m)];
            tokenLoss[std::size_t(c) * std::size_t(tokens) + std::size_t(token)] = loss;
            sum += loss;
            ++counted;
        }
    return counted ? float(sum / counted) : std::numeric_limits<float>::quiet_NaN();
}

std::vector<float> MaskedInspection::scatterRows(const std::vector<int64_t>& order, int tokens, int visible, const FloatArray& rows) {
    const std::size_t dim = rows.shape.at(2), maskedCount = std::size_t(tokens - visible), batch = order.size() / std::size_t(tokens);
    std::vector<float> out(order.size() * dim, 0.0f);
    for (std::size_t b = 0; b < batch; ++b)
        for (std::size_t m = 0; m < maskedCount; ++m) {
            const auto token = std::size_t(order[b * std::size_t(tokens) + std::size_t(visible) + m]);
            const float* source = rows.values.data() + (b * maskedCount + m) * dim;
            std::copy(source, source + dim, out.begin() + std::ptrdiff_t((b * std::size_t(tokens) + token) * dim));
        }
    return out;
}

MaskedInspectionResult MaskedInspection::run(unsigned seed, double maskRatio, double fromSeconds, double toSeconds, int maxChunks,
                                             bool keepLatents) const {
    return run(seed, maskRatio, geometry_.chunksCovering(fromSeconds, toSeconds, maxChunks), keepLatents);
}

MaskedInspectionResult MaskedInspection::run(unsigned seed, double maskRatio, const ChunkSpan& chunks, bool keepLatents) const {
    MaskedInspectionResult result;
    result.chunks.first = std::clamp(chunks.first, 0, geometry_.chunkCount() - 1);
    result.chunks.count = std::clamp(chunks.count, 1, geometry_.chunkCount() - result.chunks.first);
    const int tokens = geometry_.tokensPerChunk(), visible = model_.visibleTokens(maskRatio);
    FloatArray noise{{std::size_t(result.chunks.count), std::size_t(tokens)}, {}};
    for (int c = 0; c < result.chunks.count; ++c) {
        const FloatArray one = M2dsModel::maskNoise(1, tokens, seed + unsigned(result.chunks.first + c));
        noise.values.insert(noise.values.end(), one.values.begin(), one.values.end());
    }
    std::vector<int64_t> order;
    if (model_.hasTrainingParts()) {
        FloatArray input = inputBatch(result.chunks);
        const MaskedPrediction prediction = model_.predictMasked(input, noise, nullptr, 1.0f, 0.5f, maskRatio);
        order = prediction.idsShuffle;
        if (keepLatents) {
            result.input = std::move(input);
            result.latentDim = int(prediction.prediction.shape.at(2));
            result.predicted = scatterRows(order, tokens, visible, prediction.prediction);
            result.targetLatent = scatterRows(order, tokens, visible, prediction.target);
        }
        result.meanLoss = scatterLosses(geometry_, result.chunks, order, visible, prediction.perTokenLoss.values, result.tokenLoss);
        if (!prediction.offline.values.empty()) {
            result.offlineDim = int(prediction.offline.shape[2]);
            result.offline = prediction.offline.values;
        }
    } else {  // encoder only: the mask alone, ranked the way argsort ranks the noise
        order = rankNoise(noise);
        result.tokenLoss.assign(order.size(), std::numeric_limits<float>::quiet_NaN());
    }
    result.masked = maskFromOrder(order, tokens, visible);
    return result;
}

}  // namespace m2ds
