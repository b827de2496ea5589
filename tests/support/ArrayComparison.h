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

/// Extra absolute error allowed at element i on top of Tolerance::maxAbs, for an element whose value rounding decides
/// (an AdamW step on a gradient that is rounding noise, say). An element with a positive allowance is
/// "rounding-sensitive": it is bounded by maxAbs + its allowance and left out of the mean, so that the mean stays a
/// check of the well-conditioned bulk. Return 0 for every element that the plain tolerance should hold.
using Allowance = std::function<double(std::size_t)>;

/// What a comparison found; describe() is a one-line message for QVERIFY2.
struct Comparison {
    std::size_t compared = 0;
    std::size_t sensitive = 0;      ///< compared elements held to a per-element allowance (left out of the mean)
    std::size_t worstIndex = 0;
    double maxAbs = 0.0;            ///< largest error beyond the element's allowance (the raw error where it has none)
    double meanAbs = 0.0;           ///< mean error over the elements that are not rounding-sensitive
    double largestError = 0.0;      ///< largest raw error of all compared elements
    double worstActual = 0.0;
    double worstExpected = 0.0;
    double worstAllowance = 0.0;
    bool shapesMatch = true;
    bool finite = true;
    bool within(const Tolerance& tolerance) const;
    std::string describe(const Tolerance& tolerance) const;
};

/// Compares `count` floats; elements where include(i) is false are skipped (all compared when include is empty), and
/// allowance(i) widens the bound of rounding-sensitive elements (none when allowance is empty).
Comparison compareArrays(const float* actual, const float* expected, std::size_t count,
                         const std::function<bool(std::size_t)>& include = {}, const Allowance& allowance = {});

}  // namespace m2ds::test

/// Verifies actual vs expected within tolerance, printing max/mean error and the worst element on failure.
#define M2DS_COMPARE_ARRAYS(comparison, tolerance)                                                   \
    do {                                                                                             \
        const auto m2dsComparison_ = (comparison);                                                   \
        QVERIFY2(m2dsComparison_.within(tolerance), m2dsComparison_.describe(tolerance).c_str());   \
    } while (false)
