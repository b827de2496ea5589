#pragma once
// Internal to core/train (torch types).
#include <ATen/core/Tensor.h>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/StateDict.h"

namespace m2ds {

/// AdamW exactly as PyTorch 1.13's single-tensor implementation (decoupled decay, bias correction), with the
/// official parameter groups (timm add_weight_decay): no decay for 1-D tensors and biases; frozen tensors excluded.
/// State is kept by parameter name so that it is saved and restored by name.
class AdamWOptimiser {
public:
    AdamWOptimiser(const std::vector<std::pair<std::string, at::Tensor>>& namedParameters, double weightDecay, double beta1,
                   double beta2, double epsilon);
    /// One update of every parameter that has a gradient, at learning rate `lr`.
    void step(double lr);
    void zeroGrad();
    /// Trainable parameters in model order.
    std::vector<at::Tensor> parameters() const;
    /// Updates taken so far (PyTorch's per-parameter `step`, equal for all parameters here).
    std::int64_t steps() const { return steps_; }
    /// "optimizer.exp_avg.<name>" and "optimizer.exp_avg_sq.<name>" for every trainable parameter.
    StateDict state() const;
    /// Restores moments and the step count; throws InvalidArgument naming a missing or misshapen entry.
    void restore(const StateDict& state, std::int64_t steps);

private:
    struct Slot {
        std::string name;
        at::Tensor parameter, expAvg, expAvgSq;
        double weightDecay;
    };
    std::vector<Slot> slots_;
    double beta1_, beta2_, epsilon_;
    std::int64_t steps_ = 0;
};

}  // namespace m2ds
