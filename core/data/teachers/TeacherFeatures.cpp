#include "data/teachers/TeacherFeatures.h"

namespace m2ds {

std::vector<FloatArray> TeacherFeatures::computeBatch(const std::vector<TeacherInput>& inputs) const {
    std::vector<FloatArray> out;
    out.reserve(inputs.size());
    for (const TeacherInput& input : inputs) out.push_back(compute(input));
    return out;
}

}  // namespace m2ds
