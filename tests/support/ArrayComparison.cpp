#include "ArrayComparison.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace m2ds::test {

bool Comparison::within(const Tolerance& tolerance) const {
    return shapesMatch && finite && maxAbs <= tolerance.maxAbs && meanAbs <= tolerance.meanAbs;
}

std::string Comparison::describe(const Tolerance& tolerance) const {
    std::ostringstream text;
    text.precision(3);
    text << std::scientific;
    if (!shapesMatch) return "shapes differ";
    if (!finite) return "non-finite value in actual output";
    text << "compared " << compared << " values: max abs error " << maxAbs << " (limit " << tolerance.maxAbs
         << ") at index " << worstIndex << " [actual " << worstActual << ", expected " << worstExpected;
    if (worstAllowance > 0.0) text << ", beyond an allowance of " << worstAllowance;
    text << "], mean abs error " << meanAbs << " (limit " << tolerance.meanAbs << ")";
    if (sensitive > 0) text << "; " << sensitive << " rounding-sensitive elements, largest raw error " << largestError;
    return text.str();
}

Comparison compareArrays(const float* actual, const float* expected, std::size_t count,
                         const std::function<bool(std::size_t)>& include, const Allowance& allowance) {
    Comparison result;
    double sum = 0.0;
    std::size_t bulk = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (include && !include(i)) continue;
        if (!std::isfinite(actual[i])) result.finite = false;
        const double error = std::abs(static_cast<double>(actual[i]) - expected[i]);
        const double allowed = allowance ? allowance(i) : 0.0;
        ++result.compared;
        result.largestError = std::max(result.largestError, error);
        if (allowed > 0.0) {
            ++result.sensitive;
        } else {
            sum += error;
            ++bulk;
        }
        const double excess = std::max(0.0, error - allowed);
        if (excess > result.maxAbs || result.compared == 1) {
            result.maxAbs = excess;
            result.worstIndex = i;
            result.worstActual = actual[i];
            result.worstExpected = expected[i];
            result.worstAllowance = allowed;
        }
    }
    result.meanAbs = bulk ? sum / bulk : 0.0;
    return result;
}

}  // namespace m2ds::test
