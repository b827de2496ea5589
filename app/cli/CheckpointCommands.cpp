#include "cli/CheckpointCommands.h"

#include <iomanip>
#include <ostream>

#include "checkpoint/CheckpointExporter.h"
#include "checkpoint/CheckpointImporter.h"
#include "cli/ModelLoading.h"
#include "cli/ExitCode.h"
#include "common/Errors.h"
#include "common/TextUtilities.h"
#include "model/M2dsModel.h"

namespace m2ds::cli {
namespace {

std::string parts(const M2dsModel& model) {
    if (!model.hasTrainingParts()) return "encoder only (extraction)";
    return std::string("full training model: encoder, predictor, target encoder") + (model.hasOfflineHead() ? ", offline head" : "");
}

}  // namespace

int CkptInfoCommand::run(const CommandContext& context) const {
    const ImportedCheckpoint checkpoint = importCheckpoint(path);
    const M2dsModel model = M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights);
    const ModelConfig& config = model.config();
    std::ostream& out = context.out;
    out << checkpoint.path << '\n'
        << "  format:      " << checkpoint.format << '\n';
    std::string contents;
    for (const std::string& entry : checkpoint.contents) contents += (contents.empty() ? "" : ", ") + entry;
    out << "  contents:    " << contents << (checkpoint.epoch >= 0 ? "  (epoch " + std::to_string(checkpoint.epoch) + ")" : "") << '\n'
        << "  model:       " << config.folderName() << "  [geometry from " << checkpoint.configSource << "]\n"
        << "  encoder:     dim " << config.dim << ", " << config.depth << " blocks, " << config.heads << " heads, patch "
        << config.patchFrequency << "x" << config.patchTime << ", " << config.tokens() << " tokens per "
        << config.inputFrames << " frames\n";
    if (model.hasTrainingParts())
        out << "  predictor:   dim " << config.decoderDim << ", " << config.decoderDepth << " blocks, " << config.decoderHeads
            << " heads; mask ratio " << config.maskRatio << " (" << config.visibleTokens() << " visible)\n";
    if (model.hasOfflineHead()) out << "  offline head: " << config.frameFeatureDim() << " -> " << config.offlineDim << '\n';
    out << "  parts:       " << parts(model) << '\n'
        << "  parameters:  " << model.parameterCount() << " (" << model.parameterCount(true) << " trainable)\n"
        << "  norm stats:  mean " << config.normMean << ", std " << config.normStd
        << (checkpoint.normStatsFromFile ? "" : "  (not in the file: M2D fallback, pass --mean/--std for your data)") << '\n';
    return kSuccess;
}

int CkptConvertCommand::run(const CommandContext& context) const {
    const ImportedCheckpoint checkpoint = importCheckpoint(input);
    M2dsModel model = M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights);  // validates names and shapes
    ModelConfig config = model.config();
    if (mean && std) {
        config.normMean = *mean;
        config.normStd = *std;
    }
    if (endsWith(output, ".safetensors")) {
        const std::string provenance = "{\"converted_from\": \"" + checkpoint.path + "\", \"format\": \"" + checkpoint.format +
                                       "\", \"m2ds_version\": \"" M2DS_VERSION "\"}";
        CheckpointExporter::writeSafetensors(output, config, model.stateDict(), provenance);
    } else if (endsWith(output, ".pth")) {
        CheckpointExporter::writePth(output, model.stateDict());
    } else {
        throw OutputError(output, "unknown output format: use .safetensors (this project) or .pth (PyTorch)");
    }
    context.err << "m2ds ckpt convert: wrote " << output << '\n';
    return kSuccess;
}

}  // namespace m2ds::cli
