// Fuzz target: a Praat TextGrid's bytes (TextGrid::decode: UTF-16 and UTF-8 byte-order marks, the long and short
// text formats, tiers, intervals and points).
#include "FuzzInput.h"
#include "labels/TextGrid.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] { m2ds::TextGrid::decode(m2ds::fuzz::kLabel, m2ds::fuzz::bytes(data, size)); });
    return 0;
}
