#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "common/FloatArray.h"
#include "model/hubert/HubertCheckpoint.h"
#include "model/hubert/HubertConfig.h"

namespace m2ds {

/// The number format a HuBERT model computes in: float32 (the default, for parity with the official features) or
/// bfloat16 (weights and activations, as Hugging Face's torch_dtype=torch.bfloat16 loads it: ~2 % off, faster on GPUs).
enum class HubertPrecision { Float32, BFloat16 };
/// "float32" | "bfloat16".
std::string precisionName(HubertPrecision precision);
/// The precision called `name` ("float32", "bfloat16"); throws InvalidArgument for any other.
HubertPrecision precisionNamed(const std::string& name);

/// A HuBERT / wav2vec 2.0 encoder with Hugging Face's architecture and hidden_states, behind a torch-free interface.
/// Inference only (eval mode: no dropout, no masking). The official M2D-S teacher is facebook/hubert-base-ls960
/// layer 9 on a wave normalised by normaliseForHubert() (spec 3.1).
class HubertModel {
public:
    /// Loads a model folder or weights file (see HubertCheckpoint::read); throws InputError naming the file and key.
    static HubertModel load(const std::string& path);
    /// Builds the network and copies the weights in; throws InputError (naming checkpoint.weightsPath) for a missing
    /// or unexpected key, or a shape that does not match the config.
    static HubertModel fromCheckpoint(const HubertCheckpoint& checkpoint);
    ~HubertModel();
    HubertModel(HubertModel&&) noexcept;
    HubertModel& operator=(HubertModel&&) noexcept;

    /// The geometry the model was built with (from config.json).
    const HubertConfig& config() const;
    /// Number of hidden states: transformer layers + 1 (index 0 = the transformer's input).
    int stateCount() const;
    /// "cpu", "cuda", "cuda:1"; throws InvalidArgument if unavailable.
    void setDevice(const std::string& device);
    /// The device the weights live on and hiddenStates() runs on: "cpu" unless setDevice() moved it.
    std::string device() const;
    /// Converts the weights and runs every later pass in `precision`; results are still float32 arrays. bfloat16
    /// rounds the weights: going back to float32 afterwards does not restore them (load the model again).
    void setPrecision(HubertPrecision precision);
    /// Float32 unless setPrecision() changed it.
    HubertPrecision precision() const;

    /// hidden_states[layer] of one utterance, HF's indexing: 0 = projected features + positional conv (+ the encoder
    /// LayerNorm in post-LN models), i = output of transformer layer i (the last one with the encoder LayerNorm in
    /// pre-LN models). wave: 16 kHz mono float32 samples, used as given (normalise first for the official teacher).
    /// Returns one [T, hidden] float32 array per requested layer, T = config().frameCount(wave.size()) at 50 Hz;
    /// T = 0 (shape [0, hidden]) when the wave is shorter than the receptive field (400 samples). Throws
    /// InvalidArgument for a layer outside [0, stateCount()). Runs only as many layers as the deepest request needs.
    std::vector<FloatArray> hiddenStates(const std::vector<float>& wave, const std::vector<int>& layers) const;
    /// hiddenStates() of several waves in one pass: zero-padded to the longest, with each row's padding kept out of
    /// GroupNorm's statistics, zeroed before the positional conv and masked out of attention, so every result equals
    /// that wave's hiddenStates() alone up to float rounding. Returns [wave][requested layer] → [T_i, hidden] float32.
    /// Memory grows with waves.size() × the longest wave: group waves of similar length (see lengthBuckets()).
    std::vector<std::vector<FloatArray>> hiddenStatesOfBatch(const std::vector<std::vector<float>>& waves, const std::vector<int>& layers) const;

private:
    struct Impl;
    explicit HubertModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace m2ds
