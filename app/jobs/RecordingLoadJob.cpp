#include "jobs/RecordingLoadJob.h"

#include <QStringList>

#include "audio/RecordingAnalyser.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"

namespace m2ds {
namespace {

QString describeSource(const Waveform& waveform) {
    const AudioInfo& source = waveform.source;
    QString text = QStringLiteral("%1, %2 Hz, %3 channel%4")
                       .arg(QString::fromStdString(source.format))
                       .arg(source.sampleRate)
                       .arg(source.channels)
                       .arg(source.channels == 1 ? "" : "s");
    QStringList conversions;
    if (waveform.downmixed) conversions << QStringLiteral("down-mixed to mono");
    if (waveform.resampled) conversions << QStringLiteral("resampled to %1 Hz").arg(waveform.sampleRate);
    return conversions.isEmpty() ? text : text + QStringLiteral(" → ") + conversions.join(QStringLiteral(", "));
}

RecordingDataPtr toRecordingData(AnalysedRecording&& analysed, const RecordingAnalyser& analyser, const QString& path) {
    auto data = std::make_shared<RecordingData>();
    data->path = path;
    data->sourceDescription = describeSource(analysed.waveform);
    data->sampleRate = analysed.waveform.sampleRate;
    data->samples = std::move(analysed.waveform.samples);
    data->melCount = analysed.logMel.melCount;
    data->frameCount = analysed.logMel.frameCount;
    data->framesPerSecond = analysed.logMel.framesPerSecond;
    data->logMel = std::move(analysed.logMel.values);
    for (int mel = 0; mel < data->melCount; ++mel) data->melCentreHz.push_back(analyser.frontEnd().filterbank().centreHz(mel));
    data->summarise();
    return data;
}

}  // namespace

RecordingDataPtr RecordingLoadJob::operator()(const ProgressMonitor& monitor) const {
    monitor.throwIfCancelled();
    const RecordingAnalyser analyser;
    return toRecordingData(analyser.analyse(path_.toStdString(), &monitor), analyser, path_);
}

QString RecordingLoadJob::describeFailure(const std::exception& error) const {
    if (dynamic_cast<const InputError*>(&error)) return QString::fromUtf8(error.what());
    if (dynamic_cast<const std::bad_alloc*>(&error)) return path_ + QStringLiteral(": not enough memory to open this recording");
    return path_ + QStringLiteral(": ") + QString::fromUtf8(error.what());
}

}  // namespace m2ds
