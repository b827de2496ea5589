#pragma once
// NumPy .npz archives (what numpy.savez / savez_compressed write): a zip of .npy members.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

namespace NpzFile {
/// Named arrays in archive order; names without the ".npy" suffix ("arr_0", "arr_1", ...).
using Arrays = std::vector<std::pair<std::string, FloatArray>>;
/// Reads every member (stored or deflated, zip64 aware); throws InputError naming the file and member. Members that
/// declare more than `maxBytes` of data in total are refused from the zip directory alone, before anything is inflated.
Arrays read(const std::string& path, std::uint64_t maxBytes = std::uint64_t{1} << 32);
/// read() for an archive held in memory (a whole file's bytes); `label` stands for the file in errors.
Arrays decode(const std::string& label, std::string bytes, std::uint64_t maxBytes = std::uint64_t{1} << 32);
/// The member called `name`, or null.
const FloatArray* find(const Arrays& arrays, const std::string& name);
/// The member called `name`; throws InputError naming `label` (the file) when there is none.
const FloatArray& member(const Arrays& arrays, const std::string& name, const std::string& label);
/// Writes float32 members uncompressed (as numpy.savez does), atomically; throws OutputError.
void write(const std::string& path, const Arrays& arrays);
/// Writes members given as .npy bytes (NpyFile::encode, NpyFile::encodeInt64Scalar), names without ".npy".
void writeEncoded(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members);
}  // namespace NpzFile

}  // namespace m2ds
