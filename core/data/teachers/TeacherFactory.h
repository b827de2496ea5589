#pragma once
#include <memory>
#include <string>
#include <vector>

#include "data/teachers/TeacherFeatures.h"
#include "model/ModelConfig.h"

namespace m2ds {

/// Builds the teacher a run asks for. spec: "mfcc" | "npy" | "npy:FOLDER" | "model:CHECKPOINT[:LAYER]" (layer
/// defaults to the model's last) | "none" / "npz" (no computed targets: none, or already inside the .npz files) → null.
/// presets complete a checkpoint's geometry. Throws InvalidArgument for an unknown spec, InputError for a bad checkpoint.
std::unique_ptr<TeacherFeatures> makeTeacher(const std::string& spec, int mfccCoefficients, const std::vector<ModelConfig>& presets);

}  // namespace m2ds
