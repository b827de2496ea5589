#pragma once
#include <ATen/core/Tensor.h>

namespace m2ds::nn {

/// MAE's fixed 2-D sin-cos position table with a zero cls row: [1, 1 + rows·cols, dim] float32.
/// Dims [0, dim/2) encode the column (time) index, [dim/2, dim) the row (frequency) index; computed in float64.
at::Tensor sinCosPositionTable(int64_t dim, int64_t rows, int64_t cols);

}  // namespace m2ds::nn
