#pragma once
#include <array>

#include "plots/lanes/LaneStack.h"
#include "plots/lanes/PatchImageLane.h"
#include "views/AttentionMapData.h"
#include "views/InspectionData.h"
#include "views/LayerViewData.h"

namespace m2ds {

class AttentionOverlay;
class FrameSimilarityLane;
class InspectionOverlay;
class LayerPcaLane;
class OfflineHeadLane;
class PatchLossLane;
class SpectrogramLane;
class WaveformLane;

/// The Inspect page's recording view: a LaneStack with the waveform, the log-mel spectrogram (with the patch grid and
/// the hatched mask over it), the mask and per-patch M2D loss strip, the masked-reconstruction lanes (model input,
/// reconstruction, target readout), the offline head's output, the layer PCA lane and the frame similarity lane. Further lanes
/// (cluster tiers, layer views) are added with addLane(); overlays on the spectrogram with
/// addOverlay(SpectrogramLane id).
class RecordingPlot : public LaneStack {
    Q_OBJECT
public:
    explicit RecordingPlot(QWidget* parent = nullptr);
    ~RecordingPlot() override;

    /// Shows (or, with null, hides) the Inspect marks: patch grid, hatched mask, loss strip, offline head output.
    void setInspection(InspectionDataPtr inspection);
    /// The inspection shown, or null.
    const InspectionDataPtr& inspection() const;
    /// Shows (or, with null, hides) the layer PCA lane; a new view hides the similarity lane.
    void setLayerView(LayerViewDataPtr view);
    /// Shows (or, with null, hides) the frame similarity lane.
    void setSimilarity(FrameSimilarityDataPtr similarity);
    /// Shows (or, with null, hides) the attention map of a clicked patch over the spectrogram.
    void setAttention(AttentionMapDataPtr attention);

    /// What is drawn now, for tests and diagnostics.
    int spectrogramColumns() const;
    int spectrogramRows() const;
    int waveformPoints() const;
    /// The Inspect lanes and overlay, for tests and diagnostics.
    InspectionOverlay* inspectionOverlay() const { return overlay_; }
    PatchLossLane* patchLossLane() const { return patches_; }
    OfflineHeadLane* offlineHeadLane() const { return offline_; }
    PatchImageLane* patchImageLane(PatchImageLane::Image image) const { return images_[std::size_t(image)]; }
    LayerPcaLane* layerPcaLane() const { return pca_; }
    AttentionOverlay* attentionOverlay() const { return attention_; }
    FrameSimilarityLane* similarityLane() const { return similarity_; }

private:
    WaveformLane* waveform_;
    SpectrogramLane* spectrogram_;
    InspectionOverlay* overlay_;
    AttentionOverlay* attention_;
    PatchLossLane* patches_;
    std::array<PatchImageLane*, 3> images_;
    OfflineHeadLane* offline_;
    LayerPcaLane* pca_;
    FrameSimilarityLane* similarity_;
};

}  // namespace m2ds
