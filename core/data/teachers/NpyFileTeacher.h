#pragma once
#include "data/teachers/TeacherFeatures.h"

namespace m2ds {

/// Per-file teacher features a user brings: `<recording stem>.npy` ([Th, D] or [1, Th, D] float32 at 50 Hz, e.g.
/// HuBERT layer 9), beside each recording or in one folder.
class NpyFileTeacher : public TeacherFeatures {
public:
    /// folder: where the .npy files are; empty = beside each recording.
    explicit NpyFileTeacher(std::string folder = {});
    std::string kind() const override { return "npy"; }
    /// Throws InputError naming the missing or malformed feature file.
    FloatArray compute(const TeacherInput& input) const override;

private:
    std::string folder_;
};

}  // namespace m2ds
