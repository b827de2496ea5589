#include "cli/CheckpointCommands.h"

#include <iomanip>
#include <ostream>

#include "checkpoint/CheckpointExporter.h"
#include "checkpoint/CheckpointImporter.h"
#include "checkpoint/ModelDescription.h"
#include "cli/ModelLoading.h"
#include "cli/ExitCode.h"
#include "common/Errors.h"
#include "common/TextUtilities.h"
#include "model/M2dsModel.h"

namespace m2ds::cli {
int CkptInfoCommand::run(const CommandContext& context) const {
    const ImportedCheckpoint checkpoint = importCheckpoint(path);
    const M2dsModel model = modelFrom(checkpoint);
    context.out << checkpoint.path << '\n';
    for (const DescriptionLine& line : describeModel(checkpoint, model)) {
        std::string label = line.label + ":";
        label.append(label.size() < 13 ? 13 - label.size() : 1, ' ');
        context.out << "  " << label << line.value << '\n';
    }
    return kSuccess;
}

int CkptConvertCommand::run(const CommandContext& context) const {
    const ImportedCheckpoint checkpoint = importCheckpoint(input);
    M2dsModel model = modelFrom(checkpoint);  // validates names and shapes
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
