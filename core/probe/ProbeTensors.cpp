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
    return torch::from_blob(const_cast<double*>(values), shape, torch::kDouble).to(device, torch::kFloat);
}

at::Tensor labelsOnDevice(const std::vector<int>& labels, int classes, const c10::Device& device) {
    std::vector<int64_t> ids(labels.size());
    for (std::size_t r = 0; r < labels.size(); ++r) {
        if (labels[r] < 0 || labels[r] >= classes)
            throw InvalidArgument("label " + std::to_string(labels[r]) + " of row " + std::to_string(r) + " outside 0.." + std::to_string(classes - 1));
        ids[r] = labels[r];
    }
    return torch::tensor(ids, torch::kLong).to(device);
}

void copyToHost(const at::Tensor& tensor, double* out) {
    const at::Tensor host = tensor.to(torch::kCPU, torch::kDouble).contiguous();
    std::memcpy(out, host.data_ptr<double>(), sizeof(double) * std::size_t(host.numel()));
}

double softmaxCrossEntropy(const at::Tensor& logits, const at::Tensor& labels, at::Tensor* residual) {
    const at::Tensor logProbabilities = logits.to(torch::kDouble).log_softmax(1);
    const double loss = -logProbabilities.gather(1, labels.unsqueeze(1)).sum().item<double>();
    if (residual != nullptr) {
        at::Tensor probabilities = logProbabilities.exp_();
        probabilities.scatter_add_(1, labels.unsqueeze(1), torch::full({labels.size(0), 1}, -1.0, probabilities.options()));
        *residual = probabilities.to(torch::kFloat);
    }
    return loss;
}

}  // namespace m2ds::probe
