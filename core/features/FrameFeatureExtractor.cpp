#include "features/FrameFeatureExtractor.h"

namespace m2ds {

FrameFeatureExtractor::~FrameFeatureExtractor() = default;

}  // namespace m2ds
