#pragma once
#include <string>

namespace m2ds {

/// The HF HubertModel / Wav2Vec2Model parameter name of a key as checkpoints spell it, or "" for keys outside the
/// encoder (lm_head, quantizer, masked_spec_embed, torchaudio's aux, ...). Accepted spellings:
/// - with or without the `hubert.` / `wav2vec2.` prefix of HF's task models (…ForCTC, …ForPreTraining);
/// - torchaudio's module names: `encoder.feature_projection.` → `feature_projection.`, `encoder.transformer.` → `encoder.`;
/// - weight norm as `weight_g` / `weight_v` or as `parametrizations.weight.original0` / `original1` (→ weight_g / weight_v).
std::string hubertParameterName(const std::string& key);

}  // namespace m2ds
