#include "probe/ProbeTensors.h"

#include <algorithm>
#include <cstring>
#include <torch/torch.h>

#include "common/Errors.h"
#include "probe/ProbeTaskPool.h"

namespace m2ds::probe {

c10::Device probeDevice(const std::string& name) {
    c10::Device device(c10::kCPU);
    try {
        device = c10::Device(name);
    } catch (const c10::Error&) {
        throw InvalidArgument("unknown probe device '" + name + "' (use cpu, cuda or cuda:N)");
    }
    if (!device.is_cpu() && !device.is_cuda()) throw InvalidArgument("probes run on cpu or cuda, not on '" + name + "'");
    if (device.is_cuda() && !torch::cuda::is_available())
        throw InvalidArgument("probe device '" + name + "' requested but this LibTorch has no usable CUDA device");
    if (device.is_cuda() && !device.has_index()) device.set_index(0);
    return device;
}

int threadsForWork(int threads, double multiplyAdds) {
    const double useful = 1.0 + multiplyAdds / double(1 << 24);
    return std::max(1, static_cast<int>(std::min(double(resolvedThreads(threads)), useful)));
}

ScopedProbeThreads::ScopedProbeThreads(int threads) : previous_(at::get_num_threads()) {
    const int wanted = resolvedThreads(threads);
    if (previous_ != wanted) at::set_num_threads(wanted);
}

ScopedProbeThreads::~ScopedProbeThreads() {
    if (at::get_num_threads() != previous_) at::set_num_threads(previous_);
}

at::Tensor matrixOnDevice(const RowMatrix& x, const c10::Device& device) {
    const at::Tensor host = torch::from_blob(const_cast<float*>(x.values.data()), {int64_t(x.rows), int64_t(x.cols)}, torch::kFloat);
    return device.is_cpu() ? host : host.to(device);
}

at::Tensor floatsOnDevice(const double* values, at::IntArrayRef shape, const c10::Device& device) {
    at::Tensor host = torch::empty(shape, torch::kFloat);  // converted here: cheaper than a conversion kernel for small tensors
    float* out = host.data_ptr<float>();
    for (int64_t i = 0, n = host.numel(); i < n; ++i) out[i] = static_cast<float>(values[i]);
    return device.is_cpu() ? host : host.to(device);
}

void copyToHost(const at::Tensor& tensor, double* out) {
    const at::Tensor host = tensor.to(torch::kCPU).contiguous();
    const int64_t n = host.numel();
    if (host.scalar_type() == torch::kDouble) {
        std::memcpy(out, host.data_ptr<double>(), sizeof(double) * std::size_t(n));
        return;
    }
    const at::Tensor floats = host.to(torch::kFloat);
    const float* in = floats.data_ptr<float>();
    for (int64_t i = 0; i < n; ++i) out[i] = in[i];
}

SoftmaxTargets softmaxTargets(const std::vector<int>& labels, int classes, const c10::Device& device) {
    std::vector<int64_t> ids(labels.size());
    for (std::size_t r = 0; r < labels.size(); ++r) {
        if (labels[r] < 0 || labels[r] >= classes)
            throw InvalidArgument("label " + std::to_string(labels[r]) + " of row " + std::to_string(r) + " outside 0.." + std::to_string(classes - 1));
        ids[r] = labels[r];
    }
    const at::Tensor column = torch::tensor(ids, torch::kLong).unsqueeze(1).to(device);
    at::Tensor oneHot = torch::zeros({int64_t(labels.size()), classes}, torch::TensorOptions(torch::kFloat).device(device));
    oneHot.scatter_(1, column, 1.0);
    return {column, oneHot};
}

double softmaxCrossEntropy(const at::Tensor& logits, const SoftmaxTargets& targets, at::Tensor* residual) {
    const at::Tensor logProbabilities = logits.log_softmax(1);
    const double loss = -logProbabilities.gather(1, targets.labels).sum(c10::ScalarType::Double).item<double>();
    if (residual != nullptr) *residual = logProbabilities.exp().sub_(targets.oneHot);
    return loss;
}

}  // namespace m2ds::probe
