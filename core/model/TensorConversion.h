#pragma once
// Internal to core: between the public FloatArray and torch tensors.
#include <ATen/core/Tensor.h>

#include "common/FloatArray.h"

namespace m2ds {

/// A CPU float32 tensor sharing nothing with `array` (copied).
at::Tensor toTensor(const FloatArray& array);
/// Copies any float tensor (any device, any dtype convertible to float32) into a FloatArray.
FloatArray toFloatArray(const at::Tensor& tensor);

}  // namespace m2ds
