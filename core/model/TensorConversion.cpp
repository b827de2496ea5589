#include "model/TensorConversion.h"

#include <cstring>
#include <torch/torch.h>

namespace m2ds {

at::Tensor toTensor(const FloatArray& array) {
    std::vector<int64_t> shape(array.shape.begin(), array.shape.end());
    auto tensor = torch::empty(shape, torch::kFloat32);
    std::memcpy(tensor.data_ptr<float>(), array.values.data(), array.values.size() * sizeof(float));
    return tensor;
}

FloatArray toFloatArray(const at::Tensor& tensor) {
    const auto contiguous = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    FloatArray array;
    array.shape.assign(contiguous.sizes().begin(), contiguous.sizes().end());
    array.values.resize(static_cast<std::size_t>(contiguous.numel()));
    std::memcpy(array.values.data(), contiguous.data_ptr<float>(), array.values.size() * sizeof(float));
    return array;
}

}  // namespace m2ds
