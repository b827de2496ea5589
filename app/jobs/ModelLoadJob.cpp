#include "jobs/ModelLoadJob.h"

#include <QObject>
#include <QStringList>

#include "checkpoint/CheckpointImporter.h"
#include "checkpoint/ModelDescription.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"

namespace m2ds {
namespace {

ModelSummary summarise(const ImportedCheckpoint& checkpoint, const M2dsModel& model) {
    const ModelConfig& config = model.config();
    ModelSummary summary;
    summary.path = QString::fromStdString(checkpoint.path);
    summary.name = QString::fromStdString(config.folderName());
    summary.format = QString::fromStdString(checkpoint.format);
    summary.geometrySource = QString::fromStdString(checkpoint.configSource);
    summary.maskRatio = config.maskRatio;
    summary.depth = config.depth;
    summary.heads = config.heads;
    QStringList lines;
    for (const DescriptionLine& line : describeModel(checkpoint, model))
        if (line.label != "format" && line.label != "model")  // shown in the dock's title lines
            lines << QString::fromStdString(line.label + ": " + line.value);
    lines << QObject::tr("device: %1").arg(QString::fromStdString(model.device()));
    summary.description = lines.join('\n');
    return summary;
}

}  // namespace

LoadedModel ModelLoadJob::operator()(const ProgressMonitor& monitor) const {
    monitor.throwIfCancelled();
    const ImportedCheckpoint checkpoint =
        CheckpointImporter(ModelPresets::loadDirectory(presetsDirectory_.toStdString())).read(path_.toStdString());
    monitor.throwIfCancelled();
    auto model = std::make_shared<M2dsModel>(M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights));
    QString message;
    if (device_ != QLatin1String("cpu")) {
        if (M2dsModel::cudaAvailable())
            model->setDevice(device_.toStdString());
        else
            message = QObject::tr("%1 was asked for, but this LibTorch has no usable CUDA device: running on the CPU.").arg(device_);
    }
    LoadedModel loaded{model, summarise(checkpoint, *model)};
    loaded.summary.device = QString::fromStdString(model->device());
    loaded.summary.deviceMessage = message;
    return loaded;
}

QString ModelLoadJob::describeFailure(const std::exception& error) const {
    if (dynamic_cast<const InputError*>(&error)) return QString::fromUtf8(error.what());
    return path_ + QStringLiteral(": ") + QString::fromUtf8(error.what());
}

}  // namespace m2ds
