#pragma once
// Internal to core/train: CUDA automatic mixed precision for one forward pass.
#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace m2ds {

/// torch.autocast("cuda", dtype) for the lifetime of the object; does nothing when disabled. The enable/dtype
/// functions took a device type argument from PyTorch 2.4 on.
class AutocastScope {
public:
    AutocastScope(bool enabled, at::ScalarType dtype) : enabled_(enabled) {
        if (!enabled_) return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        at::autocast::set_autocast_dtype(at::kCUDA, dtype);
        at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
        at::autocast::set_autocast_gpu_dtype(dtype);
        at::autocast::set_enabled(true);
#endif
    }
    ~AutocastScope() {
        if (!enabled_) return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        at::autocast::set_autocast_enabled(at::kCUDA, false);
#else
        at::autocast::set_enabled(false);
#endif
        at::autocast::clear_cache();
    }
    AutocastScope(const AutocastScope&) = delete;
    AutocastScope& operator=(const AutocastScope&) = delete;

private:
    bool enabled_;
};

}  // namespace m2ds
