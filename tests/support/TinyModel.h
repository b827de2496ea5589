#pragma once
// The tiny official-layout checkpoint as a model, and a log-mel to run it on, for the core analysis tests
// (header-only: those targets link m2ds_checkpoint; the support library does not).
#include <cmath>
#include <memory>
#include <vector>

#include "ModelFixtures.h"
#include "checkpoint/CheckpointImporter.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"

namespace m2ds::test {

/// tests/golden/model/tiny/…/checkpoint-3.pth with every part (encoder, predictor, target, offline head).
inline std::unique_ptr<M2dsModel> loadTinyModel() {
    const ImportedCheckpoint checkpoint = CheckpointImporter(ModelPresets::loadDirectory(presetsDirectory().toStdString()))
                                              .read(tinyCheckpoint().toStdString());
    return std::make_unique<M2dsModel>(M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights));
}

/// [80, frames] row-major log-mel: a sine ripple around -7 ln power.
inline std::vector<float> wavyLogMel(std::size_t frames) {
    std::vector<float> logMel(80 * frames);
    for (std::size_t i = 0; i < logMel.size(); ++i) logMel[i] = float(std::sin(double(i) * 0.37) * 3.0 - 7.0);
    return logMel;
}

}  // namespace m2ds::test
