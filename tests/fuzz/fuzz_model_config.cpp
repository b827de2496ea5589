// Fuzz target: model geometry JSON (ModelConfig::fromJson and its validation): presets (models/presets/*.json) and the
// m2ds.config header of our checkpoints. Callers put the file's name in front of the InvalidArgument it throws.
#include "FuzzInput.h"
#include "model/ModelConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInvalidArgument([&] {
        const m2ds::ModelConfig config = m2ds::ModelConfig::fromJson(m2ds::fuzz::bytes(data, size));
        config.folderName();
        config.visibleTokens();
        config.frameFeatureDim();
    });
    return 0;
}
