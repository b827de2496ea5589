#include "data/SampleAssembler.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace m2ds {

SampleAssembler::SampleAssembler(const SampleSettings& settings, const DatasetStatistics& statistics)
    : settings_(settings), statistics_(statistics) {}

std::size_t SampleAssembler::speechFrames(const PreparedUtterance& speech) const {
    std::size_t embeddingFrames = std::max(speech.validTeacherFrames, settings_.cropFrames / 2);
    embeddingFrames -= embeddingFrames % settings_.patchTime;
    return std::min(speech.frames(), 2 * embeddingFrames);
}

std::vector<float> SampleAssembler::rawCrop(const PreparedUtterance& utterance, bool speech, DeterministicRandom& random,
                                            std::size_t* startOut) const {
    const std::size_t mel = settings_.melCount, crop = settings_.cropFrames, total = utterance.frames();
    // Speech: cut to the valid length, zero-padded when shorter. Noise: repeated until long enough (repeat_short).
    std::size_t noiseLength = total;  // repeat_short: the clip is doubled (cat([x, x])) until it covers the crop
    while (noiseLength < crop) noiseLength *= 2;
    const std::size_t length = speech ? speechFrames(utterance) : noiseLength;
    const std::size_t start = length > crop ? random.index(length - crop) : 0;  // randint(len - crop): [0, len - crop)
    std::vector<float> out(mel * crop, 0.0f);
    for (std::size_t m = 0; m < mel; ++m) {
        const float* row = utterance.logMel.values.data() + m * total;
        for (std::size_t t = 0; t < crop; ++t) {
            const std::size_t source = start + t;
            if (!speech) out[m * crop + t] = row[source % total];
            else if (source < length) out[m * crop + t] = row[source];
        }
    }
    if (startOut) *startOut = start;
    return out;
}

std::vector<float> SampleAssembler::teacherCrop(const PreparedUtterance& speech, std::size_t start) const {
    const std::size_t dim = speech.teacherDim(), available = speech.teacher.shape[0];
    const std::size_t group = std::max<std::size_t>(1, settings_.patchTime / 2), columns = settings_.teacherFrames();
    std::vector<float> out(columns * dim, 0.0f);
    const std::size_t first = start / 2;
    for (std::size_t c = 0; c < columns; ++c) {
        float* destination = out.data() + c * dim;
        for (std::size_t g = 0; g < group; ++g) {
            const std::size_t frame = first + c * group + g;
            if (frame >= available) break;  // zero padding past the features (cannot happen with the 7 s padding)
            const float* source = speech.teacher.values.data() + frame * dim;
            for (std::size_t d = 0; d < dim; ++d) destination[d] += source[d] / static_cast<float>(group);
        }
    }
    return out;
}

TrainingSample SampleAssembler::assemble(const PreparedUtterance& speech, const PreparedUtterance* noise, DeterministicRandom& random) const {
    TrainingSample sample;
    std::size_t start = 0;
    sample.input = rawCrop(speech, true, random, &start);
    if (speech.hasTeacher()) sample.teacher = teacherCrop(speech, start);
    const auto speechMean = static_cast<float>(statistics_.speechMean), inverseStd = static_cast<float>(1.0 / statistics_.speechStd);
    if (noise && settings_.noiseRatio > 0.0) {
        const std::vector<float> noiseCrop = rawCrop(*noise, false, random);
        const auto alpha = static_cast<float>(settings_.noiseRatio), noiseMean = static_cast<float>(statistics_.noiseMean);
        const float epsilon = std::numeric_limits<float>::epsilon();
        for (std::size_t i = 0; i < sample.input.size(); ++i) {
            const float mixed = alpha * std::exp(noiseCrop[i] - noiseMean) + (1.0f - alpha) * std::exp(sample.input[i] - speechMean);
            sample.input[i] = std::log(std::max(mixed, epsilon)) * inverseStd;
        }
    } else {
        for (float& value : sample.input) value = (value - speechMean) * inverseStd;
    }
    return sample;
}

}  // namespace m2ds
