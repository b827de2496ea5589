#include "cli/ModelLoading.h"

#include "checkpoint/CheckpointImporter.h"
#include "cli/DataDirectory.h"
#include "common/Errors.h"

namespace m2ds::cli {

ImportedCheckpoint importCheckpoint(const std::string& path) {
    return CheckpointImporter(bundledPresets()).read(path);
}

M2dsModel modelFrom(const ImportedCheckpoint& checkpoint, M2dsModel::Parts parts) {
    try {
        return M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights, parts);
    } catch (const InvalidArgument& error) {
        throw InputError(checkpoint.path, error.what());
    }
}

}  // namespace m2ds::cli
