#include "cli/ModelLoading.h"

#include "checkpoint/CheckpointImporter.h"
#include "cli/DataDirectory.h"
#include "model/ModelPresets.h"

namespace m2ds::cli {

ImportedCheckpoint importCheckpoint(const std::string& path) {
    return CheckpointImporter(ModelPresets::loadDirectory(dataDirectory() + "/presets")).read(path);
}

}  // namespace m2ds::cli
