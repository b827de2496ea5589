#pragma once
// Internal to core/probe: the LibTorch pieces its classes share. Not part of core's public API.
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>
#include <string>
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds::probe {

/// "cpu" | "cuda" | "cuda:N" → a device (cuda means cuda:0); throws InvalidArgument for an unknown name or for CUDA
/// when this LibTorch has no usable GPU.
c10::Device probeDevice(const std::string& name);
/// At most `threads` (0 = every hardware thread), fewer for small matrix products: one per 2^24 multiply-adds of one
/// product (OpenMP's barriers cost more than they save below that, and far more when another process holds a core).
int threadsForWork(int threads, double multiplyAdds);
/// LibTorch's CPU threads of this thread set to `threads` (every hardware thread when 0) for the scope's lifetime.
class ScopedProbeThreads {
public:
    explicit ScopedProbeThreads(int threads);
    ~ScopedProbeThreads();
    ScopedProbeThreads(const ScopedProbeThreads&) = delete;
    ScopedProbeThreads& operator=(const ScopedProbeThreads&) = delete;

private:
    int previous_;
};
/// x [n, d] float32 as a tensor on `device`: on the CPU a view of x's values (x must outlive it), elsewhere a copy.
at::Tensor matrixOnDevice(const RowMatrix& x, const c10::Device& device);
/// Host doubles [count] → a float32 tensor of `shape` on `device`.
at::Tensor floatsOnDevice(const double* values, at::IntArrayRef shape, const c10::Device& device);
/// A tensor (any device, float32 or float64) copied into host doubles at `out` (numel of them).
void copyToHost(const at::Tensor& tensor, double* out);

/// The labels of a softmax fit on its device: [n, 1] int64 and their one-hot rows [n, K] float32.
struct SoftmaxTargets {
    at::Tensor labels;
    at::Tensor oneHot;
};
/// labels [n] → targets on `device`; throws InvalidArgument for a label outside [0, classes).
SoftmaxTargets softmaxTargets(const std::vector<int>& labels, int classes, const c10::Device& device);
/// Σ over rows of −log softmax(logits)[label] for logits [n, K] float32 (summed in float64); with `residual`, also
/// softmax − one-hot [n, K] float32, the gradient of that sum with respect to the logits.
double softmaxCrossEntropy(const at::Tensor& logits, const SoftmaxTargets& targets, at::Tensor* residual);

}  // namespace m2ds::probe
