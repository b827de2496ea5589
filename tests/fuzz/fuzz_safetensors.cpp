// Fuzz target: a safetensors file's bytes (SafetensorsFile::decode: header length, JSON header, nesting, metadata,
// dtypes, shapes, data offsets and overlaps, then the data as float32).
#include <map>

#include "FuzzInput.h"
#include "checkpoint/SafetensorsFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::map<std::string, std::string> metadata;
    m2ds::fuzz::expectInputError([&] { m2ds::SafetensorsFile::decode(m2ds::fuzz::kLabel, m2ds::fuzz::bytes(data, size), &metadata); });
    return 0;
}
