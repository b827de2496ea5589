#pragma once
#include <memory>
#include <string>
#include <vector>

#include "data/teachers/TeacherFeatures.h"
#include "model/ModelConfig.h"
#include "model/hubert/HubertModel.h"

namespace m2ds {

/// Where and how a computed teacher runs (HuBERT and M2D-layer teachers; MFCC and .npy teachers ignore it).
struct TeacherRuntime {
    std::string device = "cpu";  ///< cpu | cuda | cuda:N
    std::size_t batch = 0;       ///< recordings per HuBERT pass; 0: by device (hubertBatchLimits)
    HubertPrecision precision = HubertPrecision::Float32;  ///< what a HuBERT teacher computes in
};

/// Builds the teacher a run asks for. spec: "mfcc" | "npy" | "npy:FOLDER" | "model:CHECKPOINT[:LAYER]" (layer
/// defaults to the model's last) | "hubert:FOLDER[:LAYER]" (a Hugging Face HuBERT / wav2vec 2.0 folder, hidden_states
/// index, default 9: the official M2D-S teacher) | "none" / "npz" (no computed targets: none, or already inside the
/// .npz files) → null. presets complete a checkpoint's geometry. Throws InvalidArgument for an unknown spec or a layer
/// outside the model, InputError for a bad checkpoint or model folder.
/// runtime: the device the model teachers run on, the HuBERT batch and precision (InvalidArgument for an unavailable
/// device).
std::unique_ptr<TeacherFeatures> makeTeacher(const std::string& spec, int mfccCoefficients, const std::vector<ModelConfig>& presets,
                                             const TeacherRuntime& runtime = {});

}  // namespace m2ds
