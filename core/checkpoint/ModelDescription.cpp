#include "checkpoint/ModelDescription.h"

#include <sstream>

#include "model/M2dsModel.h"

namespace m2ds {
namespace {

template <typename... Parts>
std::string text(const Parts&... parts) {
    std::ostringstream out;
    (out << ... << parts);
    return out.str();
}

}  // namespace

std::vector<DescriptionLine> describeModel(const ImportedCheckpoint& checkpoint, const M2dsModel& model) {
    const ModelConfig& config = model.config();
    std::string contents;
    for (const std::string& entry : checkpoint.contents) contents += (contents.empty() ? "" : ", ") + entry;
    if (checkpoint.epoch >= 0) contents += "  (epoch " + std::to_string(checkpoint.epoch) + ")";
    std::vector<DescriptionLine> lines{
        {"format", checkpoint.format},
        {"contents", contents},
        {"model", text(config.folderName(), "  [geometry from ", checkpoint.configSource, "]")},
        {"encoder", text("dim ", config.dim, ", ", config.depth, " blocks, ", config.heads, " heads, patch ", config.patchFrequency,
                         "x", config.patchTime, ", ", config.tokens(), " tokens per ", config.inputFrames, " frames")}};
    if (model.hasTrainingParts())
        lines.push_back({"predictor", text("dim ", config.decoderDim, ", ", config.decoderDepth, " blocks, ", config.decoderHeads,
                                           " heads; mask ratio ", config.maskRatio, " (", config.visibleTokens(), " visible)")});
    if (model.hasOfflineHead()) lines.push_back({"offline head", text(config.frameFeatureDim(), " -> ", config.offlineDim)});
    lines.push_back({"parts", !model.hasTrainingParts() ? std::string("encoder only (extraction)")
                                                        : text("full training model: encoder, predictor, target encoder",
                                                               model.hasOfflineHead() ? ", offline head" : "")});
    lines.push_back({"parameters", text(model.parameterCount(), " (", model.parameterCount(true), " trainable)")});
    lines.push_back({"norm stats", text("mean ", config.normMean, ", std ", config.normStd,
                                        checkpoint.normStatsFromFile ? "" : "  (not in the file: M2D fallback, pass --mean/--std for your data)")});
    return lines;
}

}  // namespace m2ds
