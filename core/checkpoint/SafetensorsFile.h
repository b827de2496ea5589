#pragma once
#include <map>
#include <string>

#include "model/StateDict.h"

namespace m2ds {

/// The safetensors format (8-byte little-endian header length, JSON header, raw little-endian data):
/// what Python users read with `safetensors.torch.load_file` and no code of ours.
namespace SafetensorsFile {

/// Writes F32 tensors in the given order plus string metadata (`__metadata__`), atomically; throws OutputError.
void write(const std::string& path, const StateDict& tensors, const std::map<std::string, std::string>& metadata);

/// Reads F32/F16/BF16/F64 tensors (as float32) in the order of their data and the metadata (a string-to-string map);
/// throws InputError naming the tensor or byte range that is wrong (offsets outside the file, overlapping data,
/// shape/size mismatch, nesting deeper than a header has, non-string metadata, ...). Linear in the number of entries.
StateDict read(const std::string& path, std::map<std::string, std::string>* metadata = nullptr);
/// read() for a file held in memory (its whole bytes); `label` stands for the file in errors.
StateDict decode(const std::string& label, std::string bytes, std::map<std::string, std::string>* metadata = nullptr);

}  // namespace SafetensorsFile
}  // namespace m2ds
