#include "cli/ModelLoading.h"

#include "checkpoint/CheckpointImporter.h"
#include "cli/DataDirectory.h"

namespace m2ds::cli {

ImportedCheckpoint importCheckpoint(const std::string& path) {
    return CheckpointImporter(bundledPresets()).read(path);
}

}  // namespace m2ds::cli
