#pragma once
#include <memory>

#include "views/InspectionData.h"
#include "views/RecordingData.h"

namespace m2ds {

class LinearReadout;
class M2dsModel;
class ProgressMonitor;

/// What an Inspect request asks for: the mask and the part of the recording in view.
struct InspectionRequest {
    unsigned seed = 0;
    double maskRatio = 0.6;
    double fromSeconds = 0.0;
    double toSeconds = 0.0;
};

/// A JobQueue job: the masked forward passes of core's MaskedInspection over the model inputs in view, turned into
/// the InspectionData the ui draws; with a predictor also the model input, and with a readout the reconstruction and
/// target readout images (core PatchReconstruction) from the same pass.
class InspectionJob {
public:
    /// readout: the model's reconstruction readout, or null.
    InspectionJob(std::shared_ptr<const M2dsModel> model, RecordingDataPtr recording, const InspectionRequest& request,
                  std::shared_ptr<const LinearReadout> readout = nullptr)
        : model_(std::move(model)), recording_(std::move(recording)), request_(request), readout_(std::move(readout)) {}

    /// Runs on a job thread; throws InvalidArgument when the model does not fit the recording.
    InspectionDataPtr operator()(const ProgressMonitor& monitor) const;

    /// Most model inputs one request covers.
    static constexpr int kMaxChunks = 24;

private:
    std::shared_ptr<const M2dsModel> model_;
    RecordingDataPtr recording_;
    InspectionRequest request_;
    std::shared_ptr<const LinearReadout> readout_;
};

}  // namespace m2ds
