#pragma once
// NumPy .npy files (format 1.0/2.0/3.0, little-endian, C order): what numpy.load reads and writes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

namespace NpyFile {

/// Where the data of a .npy file lies, from its header alone (no data read): shape, dtype ('<f4', ...) and the
/// byte offset of the first element; `fileSize` is the whole file's size in bytes.
struct Layout {
    std::vector<std::size_t> shape;
    std::string descr;
    std::size_t dataOffset = 0;
    std::size_t fileSize = 0;
};

/// The .npy header (magic, version 1.0, '<f4' C-order dict, padded to 64 bytes) for `shape`.
std::string header(const std::vector<std::size_t>& shape);
/// Writes float32 values of the given C-order shape atomically; throws OutputError.
void writeFloat32(const std::string& path, const std::vector<std::size_t>& shape, const float* values);
/// The bytes of a float32 .npy file (header + C-order data) for `shape`.
std::string encode(const std::vector<std::size_t>& shape, const float* values);
/// Writes a 1-D int64 .npy (ids, counts) atomically; throws OutputError.
void writeInt64(const std::string& path, const std::vector<std::int64_t>& values);
/// The bytes of a 0-d int64 .npy file (how numpy saves a Python int).
std::string encodeInt64Scalar(std::int64_t value);
/// Parses .npy bytes ('<f4', '<f8', '<i4', '<i8'; converted to float32); `label` names the source in errors.
FloatArray decode(const std::string& label, const std::string& bytes);
/// Reads a .npy file (see decode); throws InputError naming the file and the problem.
FloatArray readFloat32(const std::string& path);
/// Reads only the header of a C-order .npy file, so callers can read row ranges themselves; throws InputError.
Layout readLayout(const std::string& path);

}  // namespace NpyFile
}  // namespace m2ds
