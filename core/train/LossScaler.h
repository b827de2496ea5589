#pragma once
// Internal to core/train (torch types).
#include <ATen/core/Tensor.h>
#include <vector>

namespace m2ds {

/// torch.cuda.amp.GradScaler for fp16 training (initial scale 2^16, ×2 after 2000 clean steps, ×0.5 on overflow);
/// a pass-through when disabled (fp32, bf16).
class LossScaler {
public:
    LossScaler(bool enabled, const at::Device& device);
    bool enabled() const { return enabled_; }
    /// loss × scale.
    at::Tensor scale(const at::Tensor& loss) const;
    /// Divides gradients by the scale in place; true when any is inf/NaN (the optimiser step must be skipped).
    bool unscale(const std::vector<at::Tensor>& gradients);
    /// Grows or backs off the scale after a step (found = the unscale() result).
    void update(bool foundInfinite);
    double scaleValue() const;
    int growthTracker() const;
    void restore(double scale, int growthTracker);

private:
    bool enabled_;
    at::Tensor scale_, growthTracker_, foundInfinite_;
};

}  // namespace m2ds
