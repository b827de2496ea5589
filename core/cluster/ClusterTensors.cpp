#include "cluster/ClusterTensors.h"

#include <torch/torch.h>

#include "common/Errors.h"

namespace m2ds::cluster {

c10::Device clusterDevice(const std::string& name) {
    c10::Device device(c10::kCPU);
    try {
        device = c10::Device(name);
    } catch (const c10::Error&) {
        throw InvalidArgument("unknown k-means device '" + name + "' (use cpu, cuda or cuda:N)");
    }
    if (device.is_cuda() && !torch::cuda::is_available())
        throw InvalidArgument("k-means device '" + name + "' requested but this LibTorch has no usable CUDA device");
    if (device.is_cuda() && !device.has_index()) device.set_index(0);
    if (!device.is_cpu() && !device.is_cuda()) throw InvalidArgument("k-means runs on cpu or cuda, not on '" + name + "'");
    return device;
}

at::Tensor rowsOnDevice(const float* values, std::size_t rows, std::size_t d, const c10::Device& device) {
    const at::Tensor host = torch::from_blob(const_cast<float*>(values), {static_cast<int64_t>(rows), static_cast<int64_t>(d)}, torch::kFloat);
    return device.is_cpu() ? host : host.to(device);
}

at::Tensor squaredRowNorms(const at::Tensor& x) { return x.mul(x).sum(1); }

at::Tensor squaredDistances(const at::Tensor& x, const at::Tensor& xNorms, const at::Tensor& c, const at::Tensor& cNorms) {
    return at::addmm(cNorms.unsqueeze(0), x, c.t(), /*beta=*/1, /*alpha=*/-2).add_(xNorms.unsqueeze(1)).clamp_min_(0);
}

}  // namespace m2ds::cluster
