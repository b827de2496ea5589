#pragma once
#include <vector>

#include "data/teachers/TeacherFeatures.h"

namespace m2ds {

/// MFCC targets for users without teacher files: the orthonormal DCT-II of each raw log-mel frame, first
/// `coefficients` kept, then averaged over frame pairs to 50 Hz.
class MfccTeacher : public TeacherFeatures {
public:
    explicit MfccTeacher(int coefficients = 40, int melCount = 80);
    std::string kind() const override;
    /// [T / 2, coefficients] float32.
    FloatArray compute(const TeacherInput& input) const override;

private:
    int coefficients_;
    int melCount_;
    std::vector<float> basis_;  ///< [coefficients, melCount]
};

}  // namespace m2ds
