#include "model/nn/SinCosPositionTable.h"

#include <cmath>
#include <torch/torch.h>

namespace m2ds::nn {

at::Tensor sinCosPositionTable(int64_t dim, int64_t rows, int64_t cols) {
    const int64_t quarter = dim / 4;
    auto table = torch::zeros({1, 1 + rows * cols, dim}, torch::kFloat64);
    auto values = table.accessor<double, 3>();
    for (int64_t row = 0; row < rows; ++row) {
        for (int64_t col = 0; col < cols; ++col) {
            const int64_t token = 1 + row * cols + col;
            for (int64_t i = 0; i < quarter; ++i) {
                const double omega = 1.0 / std::pow(10000.0, static_cast<double>(i) / static_cast<double>(quarter));
                values[0][token][i] = std::sin(col * omega);
                values[0][token][quarter + i] = std::cos(col * omega);
                values[0][token][2 * quarter + i] = std::sin(row * omega);
                values[0][token][3 * quarter + i] = std::cos(row * omega);
            }
        }
    }
    return table.to(torch::kFloat32);
}

}  // namespace m2ds::nn
