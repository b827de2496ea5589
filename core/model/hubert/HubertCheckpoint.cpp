#include "model/hubert/HubertCheckpoint.h"

#include <filesystem>

#include "checkpoint/PthArchive.h"
#include "checkpoint/SafetensorsFile.h"
#include "common/Errors.h"
#include "model/hubert/HubertWeightNames.h"

namespace m2ds {
namespace {

namespace fs = std::filesystem;

/// model.safetensors, else pytorch_model.bin, else the folder's only .pth; empty when none.
fs::path findWeightsFile(const fs::path& folder) {
    for (const char* name : {"model.safetensors", "pytorch_model.bin"})
        if (fs::is_regular_file(folder / name)) return folder / name;
    fs::path found;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".pth") continue;
        if (!found.empty()) throw InputError(folder.u8string(), "holds several .pth files; name the one to load");
        found = entry.path();
    }
    return found;
}

StateDict readPickledStateDict(const std::string& path) {
    const PthArchive archive(path);
    const PickleValue& root = *archive.root();
    if (root.kind != PickleValue::Kind::Dict) throw InputError(path, "the pickle holds a " + root.describe() + ", not a state dict");
    StateDict weights;
    for (const auto& [key, value] : root.entries) {
        if (key->kind != PickleValue::Kind::String) throw InputError(path, "state dict key is a " + key->describe());
        if (value->kind != PickleValue::Kind::Tensor) throw InputError(path, "state dict entry '" + key->text + "' is a " + value->describe());
        weights.emplace_back(key->text, archive.readTensor(*value, key->text));
    }
    return weights;
}

StateDict readEncoderWeights(const std::string& path) {
    const bool safetensors = fs::u8path(path).extension() == ".safetensors";
    StateDict weights;
    for (auto& [key, array] : safetensors ? SafetensorsFile::read(path) : readPickledStateDict(path)) {
        std::string name = hubertParameterName(key);
        if (!name.empty()) weights.emplace_back(std::move(name), std::move(array));
    }
    if (weights.empty()) throw InputError(path, "holds no HuBERT / wav2vec 2.0 encoder weights (feature_extractor.*, encoder.*)");
    return weights;
}

}  // namespace

HubertCheckpoint HubertCheckpoint::readWithoutWeights(const std::string& path) {
    const fs::path given = fs::u8path(path);
    if (!fs::exists(given)) throw InputError(path, "no such file or folder");
    const bool folder = fs::is_directory(given);
    const fs::path config = (folder ? given : given.parent_path()) / "config.json";
    if (!fs::is_regular_file(config))
        throw InputError(path, "no config.json " + std::string(folder ? "in this folder" : "beside this file") + " (the model geometry)");
    HubertCheckpoint checkpoint;
    checkpoint.configPath = config.u8string();
    checkpoint.config = HubertConfig::fromFile(checkpoint.configPath);
    const fs::path weights = folder ? findWeightsFile(given) : given;
    if (weights.empty()) throw InputError(path, "no model.safetensors, pytorch_model.bin or .pth weights in this folder");
    checkpoint.weightsPath = weights.u8string();
    return checkpoint;
}

HubertCheckpoint HubertCheckpoint::read(const std::string& path) {
    HubertCheckpoint checkpoint = readWithoutWeights(path);
    checkpoint.weights = readEncoderWeights(checkpoint.weightsPath);
    return checkpoint;
}

}  // namespace m2ds
