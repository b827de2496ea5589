// Fuzz target: a fairseq .km label file (FairseqLabels::readKm: one line of cluster ids per utterance), what
// m2ds cluster score reads.
#include <sstream>

#include "FuzzInput.h"
#include "cluster/FairseqLabels.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] {
        std::istringstream in(m2ds::fuzz::bytes(data, size));
        m2ds::FairseqLabels::readKm(in, m2ds::fuzz::kLabel);
    });
    return 0;
}
