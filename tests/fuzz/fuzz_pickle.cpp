// Fuzz target: a pickle stream (the data.pkl of a .pth) through the restricted unpickler, PickleReader — no zip
// around it, so every input reaches the opcodes.
#include "FuzzInput.h"
#include "checkpoint/PickleReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] { m2ds::PickleReader(reinterpret_cast<const char*>(data), size, m2ds::fuzz::kLabel).read(); });
    return 0;
}
