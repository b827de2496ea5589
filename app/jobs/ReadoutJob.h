#pragma once
#include <QStringList>
#include <memory>
#include <vector>

#include "views/ReadoutSummary.h"
#include "views/RecordingData.h"

namespace m2ds {

class LinearReadout;
class M2dsModel;
class ProgressMonitor;

/// A fitted readout (shared read-only by the inspections that draw through it) and its numbers.
struct FittedReadout {
    std::shared_ptr<const LinearReadout> readout;
    ReadoutSummary summary;
};

/// A JobQueue job: fits the masked-reconstruction readout of a model (core ReadoutTraining) on the target encoder's
/// latents of the given recordings.
class ReadoutJob {
public:
    ReadoutJob(std::shared_ptr<const M2dsModel> model, std::vector<RecordingDataPtr> recordings)
        : model_(std::move(model)), recordings_(std::move(recordings)) {}

    /// Runs on a job thread; throws InvalidArgument without a predictor or recordings.
    FittedReadout operator()(const ProgressMonitor& monitor) const;

private:
    std::shared_ptr<const M2dsModel> model_;
    std::vector<RecordingDataPtr> recordings_;
};

}  // namespace m2ds
