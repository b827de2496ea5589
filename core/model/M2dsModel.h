#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/FloatArray.h"
#include "model/MaskedPrediction.h"
#include "model/ModelConfig.h"
#include "model/StateDict.h"

namespace m2ds {

/// An M2D / M2D-S network behind a torch-free interface: weights in and out as a StateDict, log-mels in and
/// embeddings out as FloatArrays. Encoder-only models (no predictor / target / offline head) extract only.
class M2dsModel {
public:
    /// A freshly initialised network (spec section 4); `seed` makes the initialisation reproducible.
    M2dsModel(const ModelConfig& config, bool withTrainingParts, uint64_t seed);
    /// Which parts fromStateDict() builds: what the weights hold, or the encoder alone (extraction needs no more,
    /// and a ViT-Base encoder is ~350 MB instead of ~800 MB with predictor and target encoder).
    enum class Parts { AsInWeights, EncoderOnly };
    /// Loads weights with official names; training parts are present iff `decoder_embed.weight` is (and wanted).
    /// Throws InvalidArgument naming a missing/unexpected key or a wrong shape.
    static M2dsModel fromStateDict(const ModelConfig& config, const StateDict& weights, Parts parts = Parts::AsInWeights);
    ~M2dsModel();
    M2dsModel(M2dsModel&&) noexcept;
    M2dsModel& operator=(M2dsModel&&) noexcept;

    const ModelConfig& config() const;
    bool hasTrainingParts() const;
    bool hasOfflineHead() const;
    /// All parameters including fixed position tables; trainable ones only when `trainableOnly`.
    int64_t parameterCount(bool trainableOnly = false) const;
    /// Weights in official order and names.
    StateDict stateDict() const;
    /// Threads LibTorch uses for CPU work, process-wide; 0 = all hardware threads.
    static void setComputeThreads(int threads);
    /// True when this LibTorch was built with CUDA and sees a device.
    static bool cudaAvailable();
    /// "cpu", "cuda", "cuda:1"; throws InvalidArgument if unavailable.
    void setDevice(const std::string& device);
    std::string device() const;
    /// Chunks extract() and extractTogether() encode per forward pass; 0 (the default): kCpuChunksPerPass on the CPU,
    /// kCudaChunksPerPass on CUDA. Results do not depend on it beyond float rounding.
    void setChunksPerPass(std::size_t chunks);
    /// The chunks per pass extract() uses now, on this device.
    std::size_t chunksPerPass() const;
    /// One chunk per pass on the CPU: 1.5× faster than 8 at 2 threads for ViT-Base (larger activations fall past
    /// glibc's mmap threshold and are page-faulted in afresh every block) and memory stays flat. On CUDA one 608-frame
    /// chunk leaves the GPU idle most of the time (issue #4: 0.93× eager): 16 chunks (≈ 97 s of audio) per pass.
    static constexpr std::size_t kCpuChunksPerPass = 1, kCudaChunksPerPass = 16;

    /// Receives embeddings of consecutive frames: firstFrame, then one [frames, rows·D] array per requested layer.
    using EmbeddingSink = std::function<void(std::size_t firstFrame, const std::vector<FloatArray>& layers)>;
    /// Official extraction (spec section 5) of a normalised log-mel [F, T]: chunks of inputFrames, zero-padded
    /// to the patch width, each encoded alone. layers: 0 = patch embedding + position, depth = last (normed).
    /// Streams chunk by chunk into `sink`, so memory stays bounded for hour-long inputs.
    void extract(const FloatArray& logMel, const std::vector<int>& layers, const EmbeddingSink& sink) const;
    /// Same as extract() but collects everything: one [T/pt, rows·D] array per requested layer.
    std::vector<FloatArray> extract(const FloatArray& logMel, const std::vector<int>& layers) const;
    /// extract() of several log-mels [F, T_i] at once, for recordings shorter than a pass: their chunks share forward
    /// passes (chunksPerPass() chunks each, in order; a pass's narrower chunks are zero-padded to its widest and kept
    /// out of attention), so each recording's embeddings equal extract()'s up to float rounding. Collects everything:
    /// per recording, one [T_i/pt, rows·D] array per requested layer.
    std::vector<std::vector<FloatArray>> extractTogether(const std::vector<FloatArray>& logMels, const std::vector<int>& layers) const;
    /// Frames extract() produces for T log-mel frames: ceil(T / patchTime).
    std::size_t embeddingFrames(std::size_t logMelFrames) const;

    /// The attention probabilities inside encoder block `layer` (1 … depth) for one normalised model input
    /// chunk [1, 1, F, frames] (frames ≤ inputFrames, a multiple of patchTime; no mask, as extract() sees it):
    /// [heads, 1 + N, 1 + N] float32, queries × keys, cls first, each row summing to 1. Throws InvalidArgument.
    FloatArray attention(const FloatArray& chunk, int layer) const;

    /// Uniform noise [batch, tokens] from a CPU generator seeded with `seed`: the same mask on any device.
    static FloatArray maskNoise(int batch, int tokens, uint64_t seed);
    /// Masked forward (training semantics) on x [B, 1, F, inputFrames] with noise [B, N];
    /// teacher [B, cols, offlineDim] adds the offline loss. maskRatio < 0 uses the model's. Needs training parts.
    MaskedPrediction predictMasked(const FloatArray& x, const FloatArray& noise, const FloatArray* teacher = nullptr,
                                   float lossM2dWeight = 1.0f, float lossOfflineWeight = 0.5f, double maskRatio = -1.0) const;
    /// Visible tokens for `maskRatio` (the model's when negative): int(N · (1 − ratio)) in double precision.
    int visibleTokens(double maskRatio = -1.0) const;
    /// EMA step of the target encoder: target = decay·target + (1 − decay)·online.
    void emaUpdate(double decay);

private:
    /// Receives a recording's consecutive embeddings from one pass: recording index, first frame, one array per layer.
    using ChunkSink = std::function<void(std::size_t recording, std::size_t firstFrame, const std::vector<FloatArray>& layers)>;
    /// Checks a log-mel [F, T] and the layers; returns the deepest layer. Throws InvalidArgument.
    int checkExtraction(const FloatArray& logMel, const std::vector<int>& layers) const;
    /// Encodes the chunks of `logMels` (planChunkPasses) pass by pass, the padding of ragged passes masked.
    void encodeChunks(const std::vector<const FloatArray*>& logMels, const std::vector<int>& layers, const ChunkSink& sink) const;
    struct Impl;
    explicit M2dsModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace m2ds
