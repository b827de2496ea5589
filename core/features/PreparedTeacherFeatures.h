#pragma once
#include "features/FrameFeatureExtractor.h"

namespace m2ds {

/// The teacher features of a prepared corpus (`m2ds prepare`, or the official M2D-S `.npz` files): `arr_1`
/// [1, Th, D] cut to its valid length `arr_2`, i.e. the features of the unpadded utterance, at 50 Hz.
class PreparedTeacherFeatures : public FrameFeatureExtractor {
public:
    /// Reads `firstFile` for the width D; throws InputError when it holds no teacher features.
    explicit PreparedTeacherFeatures(const std::string& firstFile);

    std::size_t dimension() const override;
    double framesPerSecond() const override;
    std::string identity() const override;
    /// Throws InputError naming the file when it has no teacher features or another width than the first.
    FloatArray extract(const std::string& path, const ProgressMonitor* monitor) const override;

private:
    std::size_t dimension_ = 0;
};

}  // namespace m2ds
