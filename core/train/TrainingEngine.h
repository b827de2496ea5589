#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "common/FloatArray.h"
#include "data/TrainingBatch.h"
#include "model/ModelConfig.h"
#include "model/StateDict.h"

namespace m2ds {

class ProcessGroupConnection;

/// Optimisation settings the engine needs (a subset of TrainConfig, resolved: concrete device and precision).
struct EngineSettings {
    std::string device = "cpu";   ///< cpu | cuda | cuda:N
    std::string precision = "none";  ///< none | bf16 | fp16 (CUDA autocast; fp16 with loss scaling)
    double weightDecay = 0.05, beta1 = 0.9, beta2 = 0.95, adamEpsilon = 1e-8;
    double clipGrad = 3.0;
    double lossM2d = 1.0, lossOff = 0.5;
    double maskRatio = 0.6;
    int accumIter = 1;
};

/// Losses of one forward pass (before division by accum_iter).
struct StepLosses {
    double loss = 0.0, lossM2d = 0.0, lossOffline = 0.0;
};

/// What one optimiser update did, agreed by all processes.
struct UpdateOutcome {
    double gradNorm = 0.0;       ///< total L2 norm of the (averaged, unscaled) gradients before clipping
    bool nonFinite = false;      ///< some process saw an inf/NaN loss since the last update
    bool stopRequested = false;  ///< some process was asked to stop (SIGINT/SIGTERM)
    bool skipped = false;        ///< fp16 overflow: the optimiser step was skipped (the scale backs off)
    StepLosses meanLosses;       ///< losses of this accumulation cycle averaged over its iterations and all processes
};

/// The M2D-S training step on one device: masked forward with the teacher loss, backward, gradient averaging
/// across processes, unscale, clip, AdamW, EMA of the target encoder. Torch stays behind this interface.
class TrainingEngine {
public:
    /// A freshly initialised network (spec section 4) from `seed`; the model needs its training parts.
    TrainingEngine(const ModelConfig& config, const EngineSettings& settings, std::uint64_t seed);
    ~TrainingEngine();

    /// Averages gradients over the job's processes from now on and takes rank 0's weights.
    void useProcessGroup(std::shared_ptr<ProcessGroupConnection> group);
    /// Replaces all network weights (official names, target encoder included); throws InvalidArgument on mismatch.
    void loadWeights(const StateDict& weights);
    /// Restores AdamW moments ("optimizer.*"), the update count and the fp16 loss scale.
    void loadOptimiserState(const StateDict& state, std::int64_t updates, double lossScale, int growthTracker);

    /// Forward + backward of one rank's batch with mask noise [B, N] (accumulates gradients / accum_iter).
    StepLosses forwardBackward(const TrainingBatch& batch, const FloatArray& noise);
    /// Ends an accumulation cycle: averages gradients over processes, unscales, clips, steps AdamW at `lr` (unless a
    /// loss was non-finite or fp16 overflowed), zeroes gradients, then the EMA update with `emaDecay`.
    UpdateOutcome update(double lr, double emaDecay, bool stopRequested);

    /// RankMe (effective rank of clip embeddings: mean over patches of the final encoder layer) of `count` inputs
    /// [count, 1, F, T] (normalised log-mels), computed in chunks without gradients.
    double rankMe(const std::vector<float>& inputs, std::size_t count) const;

    const ModelConfig& config() const;
    StateDict weights() const;
    StateDict optimiserState() const;
    std::int64_t optimiserUpdates() const;
    double lossScale() const;
    int lossScaleGrowthTracker() const;
    std::int64_t trainableParameters() const;
    /// Resolved device ("cpu", "cuda:0").
    std::string device() const;
    /// Peak device memory in MiB: CUDA allocator peak on a GPU, the process's peak resident set on the CPU.
    double peakMemoryMiB() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    bool nonFiniteSeen_ = false;
    StepLosses cycleSums_;   ///< losses summed over the forward passes since the last update
    int cyclePasses_ = 0;
};

}  // namespace m2ds
