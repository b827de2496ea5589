#pragma once
#include <memory>
#include <mutex>

#include "data/teachers/TeacherFeatures.h"
#include "model/M2dsModel.h"

namespace m2ds {

/// Self-distillation targets: one layer of an M2D / M2D-S model the workbench can load, run on the clean speech
/// (normalised with that model's statistics), brought to 50 Hz (frames of patches wider than 2 are repeated).
class ModelLayerTeacher : public TeacherFeatures {
public:
    /// layer: 0 = patch embedding … depth = last (normed). label names the checkpoint in kind().
    ModelLayerTeacher(M2dsModel model, int layer, std::string label);
    std::string kind() const override;
    /// [T / 2, rows·D] float32; model calls are serialised.
    FloatArray compute(const TeacherInput& input) const override;

private:
    M2dsModel model_;
    int layer_;
    std::string label_;
    mutable std::mutex mutex_;
};

}  // namespace m2ds
