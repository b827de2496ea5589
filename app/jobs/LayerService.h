#pragma once
#include <QObject>

#include "jobs/JobQueue.h"
#include "views/AttentionMapData.h"
#include "views/LayerViewData.h"
#include "views/RecordingData.h"

namespace m2ds {

class ModelService;

/// The Layers dock's jobs on the loaded model: a layer view of the shown recording (PCA colours per frame), the
/// cosine similarity to a clicked frame and the attention map of a clicked patch, each on a latest-wins queue of its own.
class LayerService : public QObject {
    Q_OBJECT
public:
    explicit LayerService(ModelService& models, QObject* parent = nullptr);

    /// Computes `layer` (0 … depth) of `recording`; viewReady() or failed() follows unless superseded.
    void view(RecordingDataPtr recording, int layer);
    /// Cosine similarity of every frame of the last view to the frame at `seconds`; nothing without a view.
    void similarityAt(double seconds);
    /// The attention of the patch at (seconds, melBin) of `recording` in block `layer` (1 … depth), head `head` (−1 = mean).
    void attentionAt(RecordingDataPtr recording, double seconds, int melBin, int layer, int head);
    /// The last layer view, or null.
    LayerViewDataPtr currentView() const { return view_; }
    /// Forgets the view and the similarity (another recording or model).
    void clear();

signals:
    void viewReady(m2ds::LayerViewDataPtr view);
    void similarityReady(m2ds::FrameSimilarityDataPtr similarity);
    void attentionReady(m2ds::AttentionMapDataPtr attention);
    void failed(const QString& message);

private:
    ModelService& models_;
    JobQueue views_;
    JobQueue similarities_;
    JobQueue attention_;
    LayerViewDataPtr view_;
};

}  // namespace m2ds
