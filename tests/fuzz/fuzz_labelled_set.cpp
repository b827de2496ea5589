// Fuzz target: a labelled set's CSV (LabelledSet::fromCsv: file,label[,group] with quoted fields and a byte-order
// mark) — what a probe reads.
#include <sstream>

#include "FuzzInput.h"
#include "labels/LabelledSet.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] {
        std::istringstream in(m2ds::fuzz::bytes(data, size));
        m2ds::LabelledSet::fromCsv(in, m2ds::fuzz::kLabel);
    });
    return 0;
}
