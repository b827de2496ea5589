// Fuzz target: a NumPy .npy file's bytes (NpyFile::decode: magic, header dict, shape, dtype, data size).
#include "FuzzInput.h"
#include "common/NpyFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] { m2ds::NpyFile::decode(m2ds::fuzz::kLabel, m2ds::fuzz::bytes(data, size)); });
    return 0;
}
