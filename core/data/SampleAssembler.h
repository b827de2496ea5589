#pragma once
#include <vector>

#include "common/DeterministicRandom.h"
#include "data/PreparedUtterance.h"
#include "data/SampleSettings.h"

namespace m2ds {

/// One training pair (spec 3.4, MixedSpeechDataset.__getitem__).
struct TrainingSample {
    std::vector<float> input;    ///< [mel, cropFrames]: noisy log-mel, mean-subtracted, divided by the speech std
    std::vector<float> teacher;  ///< [teacherFrames, D] clean-speech teacher features (empty without a teacher)
};

/// Cuts and mixes samples exactly as the official dataset classes do.
class SampleAssembler {
public:
    SampleAssembler(const SampleSettings& settings, const DatasetStatistics& statistics);

    /// Speech crop (start j drawn from `random`), its teacher frames from j/2 pooled per patch column, the noise
    /// crop (tiled when short) mixed in the power domain: log(max(α·e^noise + (1−α)·e^speech, eps)) / std.
    /// noise may be null (no noise set or α = 0).
    TrainingSample assemble(const PreparedUtterance& speech, const PreparedUtterance* noise, DeterministicRandom& random) const;

    /// A raw [mel, cropFrames] crop of `utterance` (speech: within its valid length, as in training), no statistics
    /// applied; start drawn from `random`. Used for the dataset statistics too. startOut receives the start frame.
    std::vector<float> rawCrop(const PreparedUtterance& utterance, bool speech, DeterministicRandom& random,
                               std::size_t* startOut = nullptr) const;

    const SampleSettings& settings() const { return settings_; }

private:
    std::vector<float> teacherCrop(const PreparedUtterance& speech, std::size_t start) const;
    /// Usable log-mel frames of a speech item: 2·raw_emb_len, raw_emb_len = max(valid, crop/2) floored to patch width.
    std::size_t speechFrames(const PreparedUtterance& speech) const;

    SampleSettings settings_;
    DatasetStatistics statistics_;
};

}  // namespace m2ds
