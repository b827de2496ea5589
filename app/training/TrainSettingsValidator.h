#pragma once
#include <QString>
#include <QVector>

#include "training/TrainSettings.h"

namespace m2ds {

/// A field of the Train form that cannot be used as it is.
struct TrainSettingsProblem {
    QString field;    ///< the flag it belongs to: "speech", "batch_size", "output_dir", …
    QString message;  ///< a sentence naming the field and what is wrong
};

/// Checks TrainSettings before anything is launched: sources exist, numbers parse and are in range, the
/// input divides into patches, the output folder can be written.
namespace TrainSettingsValidator {

/// RemoteRun: a launch on another machine, whose paths are that machine's: they are not looked up here.
enum class Purpose { DryRun, NewRun, RemoteRun };

/// Everything wrong with `settings`, in form order; empty when it can be launched. A NewRun also refuses an
/// output folder that already holds a training log (that run is resumed, not overwritten); a RemoteRun only
/// asks for the paths to be given.
QVector<TrainSettingsProblem> check(const TrainSettings& settings, Purpose purpose);

}  // namespace TrainSettingsValidator
}  // namespace m2ds
