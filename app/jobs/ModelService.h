#pragma once
#include <QObject>
#include <memory>
#include <optional>
#include <vector>

#include "jobs/JobQueue.h"
#include "views/InspectionData.h"
#include "views/ModelSummary.h"
#include "views/ReadoutSummary.h"
#include "views/RecordingData.h"

namespace m2ds {

class LinearReadout;
class M2dsModel;
struct InspectionRequest;

/// The loaded model and the model jobs of the Inspect page. Loading runs on its own job queue, inspections on
/// another; both are "latest request wins", so dragging a seed or ratio stays fluid and opening a second checkpoint
/// supersedes the first. Jobs hold the model read-only through a shared pointer: replacing it never disturbs a job
/// in flight. Further model jobs (reconstructions, layer views) take model() and a JobQueue of their own.
class ModelService : public QObject {
    Q_OBJECT
public:
    /// presetsDirectory: models/presets as installed (head counts for checkpoints without them).
    explicit ModelService(const QString& presetsDirectory, QObject* parent = nullptr);
    ~ModelService() override;

    /// Starts loading `path`; modelLoaded() or modelFailed() follows unless a newer load supersedes it.
    void loadModel(const QString& path);
    /// Where models run from now on ("cpu", "cuda", "cuda:N"); reloads the loaded model there. CUDA without a usable
    /// device falls back to the CPU, which the summary's deviceMessage says.
    void setDevice(const QString& device);
    const QString& device() const { return device_; }
    /// Where a job's other encoders (HuBERT / wav2vec 2.0 folders) run: where the loaded model runs, else the CPU.
    QString encoderDevice() const { return summary_ ? summary_->device : QStringLiteral("cpu"); }
    /// The summary of the loaded model, if any.
    const std::optional<ModelSummary>& model() const { return summary_; }
    /// The loaded network, shared read-only with the jobs that use it; null before a model loads.
    std::shared_ptr<const M2dsModel> network() const { return network_; }
    /// Masked forward of the model inputs overlapping [fromSeconds, toSeconds] of `recording`; supersedes older ones.
    void inspect(RecordingDataPtr recording, unsigned seed, double maskRatio, double fromSeconds, double toSeconds);
    /// The queue inspections run on (to watch or cancel them).
    JobQueue& inspections() { return inspections_; }
    /// Fits the loaded model's reconstruction readout on `recordings` (latest wins); readoutReady() follows. The
    /// readout is kept in memory with the model and dropped when another model loads. False (and nothing queued)
    /// without a model that has a predictor and a target encoder.
    bool fitReadout(std::vector<RecordingDataPtr> recordings);
    /// True once the loaded model has a readout, or one is being fitted.
    bool hasReadout() const { return bool(readout_) || readouts_.pendingCount() > 0; }
    /// The queue readout fits run on.
    JobQueue& readouts() { return readouts_; }

signals:
    void modelLoaded(const m2ds::ModelSummary& summary);
    void modelFailed(const QString& message);
    void inspectionReady(m2ds::InspectionDataPtr data);
    void inspectionFailed(const QString& message);
    void readoutReady(const m2ds::ReadoutSummary& summary);
    void readoutFailed(const QString& message);

private:
    QString presetsDirectory_;
    QString device_ = QStringLiteral("cpu");
    JobQueue loads_;
    JobQueue inspections_;
    JobQueue readouts_;
    std::shared_ptr<const M2dsModel> network_;
    std::shared_ptr<const LinearReadout> readout_;
    std::optional<ModelSummary> summary_;
};

}  // namespace m2ds
