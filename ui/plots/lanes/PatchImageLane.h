#pragma once
#include <QCoreApplication>
#include <vector>

#include "plots/lanes/Lane.h"
#include "views/InspectionData.h"

class QCPColorMap;

namespace m2ds {

/// One of the masked-reconstruction images of an inspection drawn as a spectrogram of the inspected model inputs
/// (viridis over the same 80 dB as the spectrogram lane; blank cells grey): the model input, the reconstruction or
/// the target readout. The reconstruction lane's read-out adds the patch's error against the real patch.
/// Vertical coordinate: mel band.
class PatchImageLane : public Lane {
    Q_DECLARE_TR_FUNCTIONS(PatchImageLane)
public:
    /// Which image of InspectionData this lane draws.
    enum class Image { ModelInput, Reconstruction, TargetReadout };
    explicit PatchImageLane(Image image) : image_(image) {}

    /// framesPerSecond of the recording's log-mel; null data (or data without this image) empties the lane.
    void setInspection(InspectionDataPtr data, double framesPerSecond);

    QString id() const override;
    QString title() const override;
    double heightWeight() const override { return 2.0; }
    void attach(QCPAxisRect* rect) override;
    void setRecording(const RecordingDataPtr& recording) override;
    bool hasContent() const override;
    void draw(const TimeWindow& window) override;
    QString readout(double seconds, double value) const override;
    /// Cells of the map: log-mel frames of the inspected inputs, and mel rows.
    int columnCount() const;
    int rowCount() const;

private:
    const std::vector<float>& pixels() const;
    void fill();

    Image image_;
    QCPAxisRect* rect_ = nullptr;
    QCPColorMap* map_ = nullptr;
    InspectionDataPtr data_;
    double framesPerSecond_ = 100.0;
};

}  // namespace m2ds
