#pragma once
#include <QObject>

#include "jobs/JobQueue.h"
#include "views/LayerViewData.h"
#include "views/RecordingData.h"

namespace m2ds {

class ModelService;

/// The Layers dock's jobs on the loaded model: a layer view of the shown recording (PCA colours per frame) and the
/// cosine similarity to a clicked frame, each on a latest-wins queue of its own.
class LayerService : public QObject {
    Q_OBJECT
public:
    explicit LayerService(ModelService& models, QObject* parent = nullptr);

    /// Computes `layer` (0 … depth) of `recording`; viewReady() or failed() follows unless superseded.
    void view(RecordingDataPtr recording, int layer);
    /// Cosine similarity of every frame of the last view to the frame at `seconds`; nothing without a view.
    void similarityAt(double seconds);
    /// The last layer view, or null.
    LayerViewDataPtr currentView() const { return view_; }
    /// Forgets the view and the similarity (another recording or model).
    void clear();

signals:
    void viewReady(m2ds::LayerViewDataPtr view);
    void similarityReady(m2ds::FrameSimilarityDataPtr similarity);
    void failed(const QString& message);

private:
    ModelService& models_;
    JobQueue views_;
    JobQueue similarities_;
    LayerViewDataPtr view_;
};

}  // namespace m2ds
