#pragma once
// What the ui shows about the loaded model: labels and numbers, no core types.
#include <QString>

namespace m2ds {

struct ModelSummary {
    QString path;
    QString name;            ///< e.g. "m2d_s_vit_base-80x608p80x2"
    QString format;          ///< "PyTorch .pth", "safetensors"
    QString geometrySource;  ///< where the geometry came from
    QString description;     ///< several lines: contents, encoder, predictor, offline head, parts, parameters, norm stats, device
    double maskRatio = 0.6;  ///< the model's training mask ratio
    int depth = 0;           ///< encoder blocks: layers 0 (patch embedding) .. depth can be extracted
    int heads = 0;           ///< attention heads per encoder block
    QString device;          ///< where the model runs: "cpu", "cuda", …
    QString deviceMessage;   ///< why it runs elsewhere than asked (e.g. CUDA asked, not available); empty otherwise
};

}  // namespace m2ds
