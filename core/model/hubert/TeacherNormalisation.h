#pragma once
#include <vector>

namespace m2ds {

/// The official M2D-S teacher's input normalisation (spec 3.1): Wav2Vec2Processor / Wav2Vec2FeatureExtractor with
/// do_normalize=true, i.e. `(x − mean) / sqrt(var + 1e-7)` over the whole wave (population variance). HF applies it to
/// each unpadded utterance; extract_offline_ls960.py applies it to the wave already padded to 7 s.
/// wave: 16 kHz mono float32 samples; returns a wave of the same length (empty stays empty).
std::vector<float> normaliseForHubert(const std::vector<float>& wave);

}  // namespace m2ds
