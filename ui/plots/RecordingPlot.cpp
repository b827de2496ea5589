#include "plots/RecordingPlot.h"

#include "plots/lanes/AttentionOverlay.h"
#include "plots/lanes/FrameSimilarityLane.h"
#include "plots/lanes/InspectionOverlay.h"
#include "plots/lanes/LayerPcaLane.h"
#include "plots/lanes/OfflineHeadLane.h"
#include "plots/lanes/PatchLossLane.h"
#include "plots/lanes/SpectrogramLane.h"
#include "plots/lanes/WaveformLane.h"

namespace m2ds {
namespace {

template <class LaneType>
LaneType* add(LaneStack* stack) {
    return static_cast<LaneType*>(stack->addLane(std::make_unique<LaneType>()));
}

PatchImageLane* addImage(LaneStack* stack, PatchImageLane::Image image) {
    return static_cast<PatchImageLane*>(stack->addLane(std::make_unique<PatchImageLane>(image)));
}

}  // namespace

RecordingPlot::RecordingPlot(QWidget* parent)
    : LaneStack(parent), waveform_(add<WaveformLane>(this)), spectrogram_(add<SpectrogramLane>(this)),
      overlay_(static_cast<InspectionOverlay*>(addOverlay(spectrogram_->id(), std::make_unique<InspectionOverlay>()))),
      attention_(static_cast<AttentionOverlay*>(addOverlay(spectrogram_->id(), std::make_unique<AttentionOverlay>()))),
      patches_(add<PatchLossLane>(this)),
      images_{addImage(this, PatchImageLane::Image::ModelInput), addImage(this, PatchImageLane::Image::Reconstruction),
              addImage(this, PatchImageLane::Image::TargetReadout)},
      offline_(add<OfflineHeadLane>(this)), pca_(add<LayerPcaLane>(this)), similarity_(add<FrameSimilarityLane>(this)) {}

RecordingPlot::~RecordingPlot() = default;

void RecordingPlot::setInspection(InspectionDataPtr inspection) {
    const double framesPerSecond = recording() ? recording()->framesPerSecond : 100.0;
    overlay_->setInspection(inspection, framesPerSecond);
    patches_->setInspection(inspection, framesPerSecond);
    for (PatchImageLane* lane : images_) lane->setInspection(inspection, framesPerSecond);
    offline_->setInspection(std::move(inspection), framesPerSecond);
    refresh();
}

void RecordingPlot::setLayerView(LayerViewDataPtr view) {
    pca_->setView(std::move(view));
    similarity_->setSimilarity(nullptr);
    refresh();
}

void RecordingPlot::setAttention(AttentionMapDataPtr attention) {
    attention_->setAttention(std::move(attention));
    refresh();
}

void RecordingPlot::setSimilarity(FrameSimilarityDataPtr similarity) {
    similarity_->setSimilarity(std::move(similarity));
    refresh();
}

const InspectionDataPtr& RecordingPlot::inspection() const { return overlay_->inspection(); }

int RecordingPlot::spectrogramColumns() const { return spectrogram_->columnCount(); }
int RecordingPlot::spectrogramRows() const { return spectrogram_->rowCount(); }
int RecordingPlot::waveformPoints() const { return waveform_->pointCount(); }

}  // namespace m2ds
