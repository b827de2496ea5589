#include "ArrayComparison.h"

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
         << ") at index " << worstIndex << " [actual " << worstActual << ", expected " << worstExpected
         << "], mean abs error " << meanAbs << " (limit " << tolerance.meanAbs << ")";
    return text.str();
}

Comparison compareArrays(const float* actual, const float* expected, std::size_t count,
                         const std::function<bool(std::size_t)>& include) {
    Comparison result;
    double sum = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        if (include && !include(i)) continue;
        if (!std::isfinite(actual[i])) result.finite = false;
        const double error = std::abs(static_cast<double>(actual[i]) - expected[i]);
        sum += error;
        ++result.compared;
        if (error > result.maxAbs) {
            result.maxAbs = error;
            result.worstIndex = i;
            result.worstActual = actual[i];
            result.worstExpected = expected[i];
        }
    }
    result.meanAbs = result.compared ? sum / result.compared : 0.0;
    return result;
}

}  // namespace m2ds::test
