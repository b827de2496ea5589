#pragma once
// NumPy .npy files (format 1.0/2.0/3.0, little-endian, C order): what numpy.load reads and writes.
#include <cstddef>
#include <string>
#include <vector>

namespace m2ds {

/// A dense float32 array with its shape, C (row-major) order.
struct NpyArray {
    std::vector<std::size_t> shape;
    std::vector<float> values;
    /// Product of the shape; equals values.size().
    std::size_t elementCount() const;
};

namespace NpyFile {

/// Writes float32 values of the given C-order shape atomically; throws OutputError.
void writeFloat32(const std::string& path, const std::vector<std::size_t>& shape, const float* values);
/// Reads a '<f4' or '<f8' array (float64 is narrowed to float32); throws InputError naming the problem.
NpyArray readFloat32(const std::string& path);

}  // namespace NpyFile
}  // namespace m2ds
