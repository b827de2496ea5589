#pragma once
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "session/InspectionData.h"
#include "session/ModelSummary.h"
#include "session/RecordingData.h"

namespace m2ds {

class M2dsModel;

/// Lives on the model thread: loads a checkpoint and runs masked forward passes for the Inspect view.
class ModelWorker : public QObject {
    Q_OBJECT
public:
    /// latestInspection: the newest inspection request id; older queued requests are skipped when they come up.
    ModelWorker(QString presetsDirectory, std::shared_ptr<std::atomic<int>> latestInspection);
    ~ModelWorker() override;

    /// Replaces the model; emits loaded() or loadFailed() (the message names the file and the problem).
    void load(int requestId, const QString& path);
    /// Masked forward over the model inputs (chunks of inputFrames) that overlap [fromSeconds, toSeconds], at most
    /// kMaxChunks of them; chunk c is masked with noise seeded by seed + c, so a patch keeps its mask while scrolling.
    void inspect(int requestId, const RecordingDataPtr& recording, unsigned seed, double maskRatio, double fromSeconds, double toSeconds);

    static constexpr int kMaxChunks = 24;

signals:
    void loaded(int requestId, const m2ds::ModelSummary& summary);
    void loadFailed(int requestId, const QString& message);
    void inspected(int requestId, m2ds::InspectionDataPtr data);
    void inspectionFailed(int requestId, const QString& message);

private:
    InspectionDataPtr runInspection(const RecordingData& recording, unsigned seed, double maskRatio, double fromSeconds, double toSeconds) const;

    QString presetsDirectory_;
    std::shared_ptr<std::atomic<int>> latestInspection_;
    std::unique_ptr<M2dsModel> model_;
};

}  // namespace m2ds
