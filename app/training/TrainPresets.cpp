#include "training/TrainPresets.h"

#include <QtDebug>
#include <exception>

#include "model/ModelPresets.h"

namespace m2ds::TrainPresets {

QVector<TrainPreset> load(const QString& directory) {
    QVector<TrainPreset> presets;
    try {
        for (const ModelConfig& config : ModelPresets::loadDirectory(directory.toStdString()))
            presets.push_back({QString::fromStdString(config.name), QString::fromStdString(config.folderName()),
                               QStringLiteral("%1x%2").arg(config.inputFrequency).arg(config.inputFrames),
                               QStringLiteral("%1x%2").arg(config.patchFrequency).arg(config.patchTime)});
    } catch (const std::exception& error) {
        qWarning("Model presets not available: %s", error.what());
    }
    return presets;
}

}  // namespace m2ds::TrainPresets
