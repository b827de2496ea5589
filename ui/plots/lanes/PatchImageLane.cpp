#include "plots/lanes/PatchImageLane.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "plots/PerceptualColorGradient.h"

namespace m2ds {
namespace {

constexpr double kDisplayedDynamicRange = 18.42;  // ln(1e8): 80 dB, as the spectrogram lane

float loudest(const std::vector<float>& values) {
    float top = -1e30f;
    for (float value : values)
        if (std::isfinite(value)) top = std::max(top, value);
    return top;
}

}  // namespace

QString PatchImageLane::id() const {
    switch (image_) {
        case Image::ModelInput: return QStringLiteral("model-input");
        case Image::Reconstruction: return QStringLiteral("reconstruction");
        case Image::TargetReadout: return QStringLiteral("target-readout");
    }
    return {};
}

QString PatchImageLane::title() const {
    switch (image_) {
        case Image::ModelInput: return tr("Model input");
        case Image::Reconstruction: return tr("Reconstruction");
        case Image::TargetReadout: return tr("Target readout");
    }
    return {};
}

void PatchImageLane::attach(QCPAxisRect* rect) {
    rect_ = rect;
    rect->axis(QCPAxis::atLeft)->setLabel(title().toLower());
    map_ = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    QCPColorGradient gradient = perceptualColorGradient();
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(200, 200, 200));
    map_->setGradient(gradient);
    map_->setInterpolate(false);
}

void PatchImageLane::setRecording(const RecordingDataPtr& recording) { setInspection(nullptr, recording ? recording->framesPerSecond : 100.0); }

void PatchImageLane::setInspection(InspectionDataPtr data, double framesPerSecond) {
    data_ = std::move(data);
    framesPerSecond_ = framesPerSecond;
    fill();
}

const std::vector<float>& PatchImageLane::pixels() const {
    switch (image_) {
        case Image::Reconstruction: return data_->reconstruction;
        case Image::TargetReadout: return data_->targetReadout;
        case Image::ModelInput: break;
    }
    return data_->modelInput;
}

bool PatchImageLane::hasContent() const { return data_ && !pixels().empty(); }

void PatchImageLane::fill() {
    map_->data()->clear();
    if (!hasContent()) return;
    const InspectionData& d = *data_;
    const std::size_t frames = d.imageFrames();
    const double start = double(d.firstChunk) * d.inputFrames / framesPerSecond_;
    auto* cells = new QCPColorMapData(int(frames), d.melCount, QCPRange(start, start + double(frames - 1) / framesPerSecond_),
                                      QCPRange(0, d.melCount - 1));
    const std::vector<float>& values = pixels();
    for (int mel = 0; mel < d.melCount; ++mel)
        for (std::size_t t = 0; t < frames; ++t) cells->setCell(int(t), mel, values[std::size_t(mel) * frames + t]);
    map_->setData(cells, false);
    const float top = loudest(d.modelInput);
    map_->setDataRange(QCPRange(top - kDisplayedDynamicRange, top));
    rect_->axis(QCPAxis::atLeft)->setRange(-0.5, d.melCount - 0.5);
}

void PatchImageLane::draw(const TimeWindow& window) { Q_UNUSED(window); }  // the map holds the inspected inputs only

QString PatchImageLane::readout(double seconds, double value) const {
    if (!hasContent()) return {};
    const InspectionData& d = *data_;
    const long frame = std::lround(seconds * framesPerSecond_) - long(d.firstChunk) * d.inputFrames;
    const int mel = int(std::lround(value));
    if (frame < 0 || std::size_t(frame) >= d.imageFrames() || mel < 0 || mel >= d.melCount) return {};
    const float level = pixels()[std::size_t(mel) * d.imageFrames() + std::size_t(frame)];
    QString text = tr("%1 s · %2 · mel band %3: %4").arg(seconds, 0, 'f', 3).arg(title().toLower()).arg(mel)
                       .arg(std::isnan(level) ? tr("blank (masked)") : tr("%1 ln power").arg(level, 0, 'f', 2));
    const int chunk = int(frame / d.inputFrames), column = int(frame % d.inputFrames) / d.patchTime;
    const std::size_t patch = d.index(chunk, std::min(mel / d.patchFrequency, d.gridRows - 1), std::min(column, d.gridCols - 1));
    if (image_ == Image::Reconstruction && patch < d.patchError.size() && !std::isnan(d.patchError[patch]))
        text += tr(" · patch error %1 (ln power², mean %2)").arg(d.patchError[patch], 0, 'f', 3).arg(d.meanPatchError, 0, 'f', 3);
    return text;
}

int PatchImageLane::columnCount() const { return map_->data()->keySize(); }
int PatchImageLane::rowCount() const { return map_->data()->valueSize(); }

}  // namespace m2ds
