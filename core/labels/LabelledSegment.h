#pragma once
#include <string>

namespace m2ds {

/// A labelled stretch of a recording, [start, end) in seconds (a phone, a word, a cluster run).
struct LabelledSegment {
    double start = 0.0;
    double end = 0.0;
    std::string label;
};

}  // namespace m2ds
