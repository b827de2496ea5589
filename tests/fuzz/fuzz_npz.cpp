// Fuzz target: a NumPy .npz archive's bytes (NpzFile::decode: ZipDirectory's end records and central directory,
// zip64 fields, local headers, declared sizes, inflating, then every member as .npy), with the limit that prepared
// training files are read under.
#include "FuzzInput.h"
#include "common/NpzFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] { m2ds::NpzFile::decode(m2ds::fuzz::kLabel, m2ds::fuzz::bytes(data, size), std::uint64_t{1} << 29); });
    return 0;
}
