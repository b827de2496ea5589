#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "probe/ClipProbeData.h"

namespace m2ds {

class SegmentLabels;

/// The inputs of a frame-level probe (phones from an aligner, say): every model's layer frames at the frames that a
/// labelled segment holds (FrameLabeler's rule: the segment holding the frame's centre), evenly thinned to at most
/// maxFrames / recordings per recording, the recording as the group (no recording is split between folds), and the
/// log-mel baseline of each frame: mean+std of the 80-band log-mel frames inside it (160 values).
struct FrameProbeData {
    ProbeExamples examples;
    std::vector<ProbeEmbeddings> models;
    std::vector<std::string> files;    ///< the recordings that gave frames; group g is files[g]
    std::vector<std::string> skipped;  ///< "FILE: reason" of recordings left out (unreadable, no labels)
    std::vector<std::string> droppedLabels;  ///< labels with fewer than minimumPerLabel frames, left out

    /// Models must share one frame rate. Throws InvalidArgument (no model, rates differ), InputError when no
    /// recording gives labelled frames or fewer than two labels remain, CancelledError through `progress`.
    static FrameProbeData gather(const std::vector<std::string>& recordings, const SegmentLabels& labels, const std::vector<ProbedModel>& models,
                                 std::size_t maxFrames, std::size_t minimumPerLabel, const ProgressMonitor& progress);
};

}  // namespace m2ds
