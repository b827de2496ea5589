#pragma once
#include <memory>
#include <string>
#include <vector>

#include "data/teachers/TeacherFeatures.h"
#include "model/ModelConfig.h"

namespace m2ds {

/// Builds the teacher a run asks for. spec: "mfcc" | "npy" | "npy:FOLDER" | "model:CHECKPOINT[:LAYER]" (layer
/// defaults to the model's last) | "hubert:FOLDER[:LAYER]" (a Hugging Face HuBERT / wav2vec 2.0 folder, hidden_states
/// index, default 9: the official M2D-S teacher) | "none" / "npz" (no computed targets: none, or already inside the
/// .npz files) → null. presets complete a checkpoint's geometry. Throws InvalidArgument for an unknown spec or a layer
/// outside the model, InputError for a bad checkpoint or model folder.
std::unique_ptr<TeacherFeatures> makeTeacher(const std::string& spec, int mfccCoefficients, const std::vector<ModelConfig>& presets);

}  // namespace m2ds
