#pragma once
#include <QString>
#include <QVector>

namespace m2ds {

/// A model preset as the Train form offers it: plain strings, no core types.
struct TrainPreset {
    QString name;       ///< what `m2ds train --model` takes: "m2d_s_vit_base"
    QString label;      ///< the official folder name: "m2d_s_vit_base-80x608p80x2"
    QString inputSize;  ///< "80x608"
    QString patchSize;  ///< "80x2"
};

namespace TrainPresets {

/// The presets in `directory` (models/presets as installed), sorted by file name; empty when the folder is
/// missing or a preset cannot be read.
QVector<TrainPreset> load(const QString& directory);

}  // namespace TrainPresets
}  // namespace m2ds
