#pragma once
#include <cstddef>

namespace m2ds {

/// How one training sample is cut and mixed (spec 3.4).
struct SampleSettings {
    std::size_t cropFrames = 608;   ///< input_size frames
    std::size_t patchTime = 2;      ///< patch width in frames; teacher frames are averaged in groups of patchTime/2
    std::size_t melCount = 80;
    double noiseRatio = 0.2;        ///< α of log_mixup_exp; 0 = no noise
    /// Teacher frames per sample: cropFrames / patchTime (one per patch column).
    std::size_t teacherFrames() const { return cropFrames / patchTime; }
};

/// Dataset statistics of spec 3.4 (scalar over all values of random crops).
struct DatasetStatistics {
    double speechMean = 0.0;
    double speechStd = 1.0;
    double noiseMean = 0.0;
};

}  // namespace m2ds
