#pragma once
// The plain tensor type of core's public interfaces: torch stays inside core's .cpp files.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <numeric>
#include <vector>

namespace m2ds {

/// A dense float32 array with its shape, C (row-major) order.
struct FloatArray {
    std::vector<std::size_t> shape;
    std::vector<float> values;

    /// Product of the shape; equals values.size().
    std::size_t elementCount() const {
        return std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
    }
};

}  // namespace m2ds
