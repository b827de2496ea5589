#pragma once
#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>
#include <optional>

#include "session/InspectionData.h"
#include "session/ModelSummary.h"
#include "session/RecordingData.h"

namespace m2ds {

class ModelWorker;

/// Owns the model thread. Loading a model and inspecting a recording run there; for inspections the latest
/// request wins (older ones are skipped or their results dropped), so dragging a seed or ratio stays fluid.
class ModelService : public QObject {
    Q_OBJECT
public:
    /// presetsDirectory: models/presets as installed (head counts for checkpoints without them).
    explicit ModelService(const QString& presetsDirectory, QObject* parent = nullptr);
    ~ModelService() override;

    void loadModel(const QString& path);
    /// The summary of the loaded model, if any.
    const std::optional<ModelSummary>& model() const { return summary_; }
    /// Masked forward of the model inputs overlapping [fromSeconds, toSeconds] of `recording`.
    void inspect(RecordingDataPtr recording, unsigned seed, double maskRatio, double fromSeconds, double toSeconds);

signals:
    void modelLoaded(const m2ds::ModelSummary& summary);
    void modelFailed(const QString& message);
    void inspectionReady(m2ds::InspectionDataPtr data);
    void inspectionFailed(const QString& message);

private:
    std::shared_ptr<std::atomic<int>> latestInspection_ = std::make_shared<std::atomic<int>>(0);  // before worker_
    QThread thread_;
    ModelWorker* worker_;
    std::optional<ModelSummary> summary_;
    int nextId_ = 1;
    int loadingRequest_ = 0;
};

}  // namespace m2ds
