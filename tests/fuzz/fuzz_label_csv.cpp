// Fuzz target: a label CSV (SegmentLabels::fromCsv: file,start,end,label segments or file,label clip rows) — the
// reference labels of m2ds cluster score.
#include <sstream>

#include "FuzzInput.h"
#include "labels/SegmentLabels.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] {
        std::istringstream in(m2ds::fuzz::bytes(data, size));
        m2ds::SegmentLabels::fromCsv(in, m2ds::fuzz::kLabel);
    });
    return 0;
}
