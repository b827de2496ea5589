// Fuzz target: a whole PyTorch .pth file's bytes (PthArchive: our zip directory checks, LibTorch's zip reader, the
// unpickler, then every tensor of the state dict read as the importers read them). Links LibTorch: PthArchive reads
// records through caffe2's PyTorchStreamReader.
#include "FuzzInput.h"
#include "checkpoint/PthArchive.h"

namespace {

/// The tensors of a state dict the way CheckpointImporter and HubertCheckpoint find them: the root dict, or its 'model'.
void readTensors(const m2ds::PthArchive& archive) {
    const m2ds::PickleRef model = archive.root()->find("model");
    const m2ds::PickleValue& stateDict = model ? *model : *archive.root();
    if (stateDict.kind != m2ds::PickleValue::Kind::Dict) return;
    for (const auto& [key, value] : stateDict.entries)
        if (key->kind == m2ds::PickleValue::Kind::String && value->kind == m2ds::PickleValue::Kind::Tensor)
            archive.readTensor(*value, key->text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] { readTensors(m2ds::PthArchive(m2ds::fuzz::kLabel, m2ds::fuzz::bytes(data, size))); });
    return 0;
}
