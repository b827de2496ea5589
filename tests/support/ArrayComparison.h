#pragma once
// The one tolerance helper every numerical test uses.
#include <cstddef>
#include <functional>
#include <string>

namespace m2ds::test {

/// Bounds on |actual - expected| over the compared elements.
struct Tolerance {
    double maxAbs;
    double meanAbs;
};

/// What a comparison found; describe() is a one-line message for QVERIFY2.
struct Comparison {
    std::size_t compared = 0;
    std::size_t worstIndex = 0;
    double maxAbs = 0.0;
    double meanAbs = 0.0;
    double worstActual = 0.0;
    double worstExpected = 0.0;
    bool shapesMatch = true;
    bool finite = true;
    bool within(const Tolerance& tolerance) const;
    std::string describe(const Tolerance& tolerance) const;
};

/// Compares `count` floats; elements where include(i) is false are skipped (all compared when include is empty).
Comparison compareArrays(const float* actual, const float* expected, std::size_t count,
                         const std::function<bool(std::size_t)>& include = {});

}  // namespace m2ds::test

/// Verifies actual vs expected within tolerance, printing max/mean error and the worst element on failure.
#define M2DS_COMPARE_ARRAYS(comparison, tolerance)                                                   \
    do {                                                                                             \
        const auto m2dsComparison_ = (comparison);                                                   \
        QVERIFY2(m2dsComparison_.within(tolerance), m2dsComparison_.describe(tolerance).c_str());   \
    } while (false)
