#pragma once
// What the ui shows about the loaded model: labels and numbers, no core types.
#include <QString>

namespace m2ds {

struct ModelSummary {
    QString path;
    QString name;            ///< e.g. "m2d_s_vit_base-80x608p80x2"
    QString format;          ///< "PyTorch .pth", "safetensors"
    QString geometrySource;  ///< where the geometry came from
    QString description;     ///< several lines: encoder, predictor, offline head, parts, parameters, norm stats, device
    bool canPredict = false; ///< has predictor + target encoder (masked predictions and losses)
    double maskRatio = 0.6;  ///< the model's training mask ratio
    int inputFrames = 608;   ///< log-mel frames per model input
    int patchFrequency = 80; ///< mel bins per patch
    int patchTime = 2;       ///< frames per patch
};

}  // namespace m2ds
