#pragma once
#include <array>

#include "plots/lanes/LaneStack.h"
#include "plots/lanes/PatchImageLane.h"
#include "views/InspectionData.h"

namespace m2ds {

class InspectionOverlay;
class OfflineHeadLane;
class PatchLossLane;
class SpectrogramLane;
class WaveformLane;

/// The Inspect page's recording view: a LaneStack with the waveform, the log-mel spectrogram (with the patch grid and
/// the hatched mask over it), the mask and per-patch M2D loss strip, the masked-reconstruction lanes (model input,
/// reconstruction, target readout) and the offline head's output. Further lanes
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

    /// What is drawn now, for tests and diagnostics.
    int spectrogramColumns() const;
    int spectrogramRows() const;
    int waveformPoints() const;
    /// The Inspect lanes and overlay, for tests and diagnostics.
    InspectionOverlay* inspectionOverlay() const { return overlay_; }
    PatchLossLane* patchLossLane() const { return patches_; }
    OfflineHeadLane* offlineHeadLane() const { return offline_; }
    PatchImageLane* patchImageLane(PatchImageLane::Image image) const { return images_[std::size_t(image)]; }

private:
    WaveformLane* waveform_;
    SpectrogramLane* spectrogram_;
    InspectionOverlay* overlay_;
    PatchLossLane* patches_;
    std::array<PatchImageLane*, 3> images_;
    OfflineHeadLane* offline_;
};

}  // namespace m2ds
