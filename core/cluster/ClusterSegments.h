#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "labels/LabelledSegment.h"

namespace m2ds {

/// A recording's cluster assignments as run-length segments: consecutive frames with the same id make one segment
/// [first frame, last frame + 1) / framesPerSecond s, labelled with the id (the tier under the spectrogram).
class ClusterSegments {
public:
    /// Segments of frame ids [T] at framesPerSecond (> 0); empty for T = 0.
    static std::vector<LabelledSegment> fromFrames(const std::vector<std::int32_t>& ids, double framesPerSecond);
    /// Writes `start_s,end_s,cluster` rows (with that header) atomically; throws OutputError.
    static void writeCsv(const std::string& path, const std::vector<LabelledSegment>& segments);
};

}  // namespace m2ds
