#include "checkpoint/CheckpointImporter.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <map>

#include "checkpoint/PthArchive.h"
#include "checkpoint/SafetensorsFile.h"
#include "common/Errors.h"
#include "common/FileText.h"
#include "common/JsonNumbers.h"
#include "common/TextUtilities.h"

namespace m2ds {
namespace {

using Kind = PickleValue::Kind;
const char* const kPrefixes[] = {"module.ar.runtime.backbone.", "module.", "backbone."};

std::string stripPrefixes(std::string name) {
    for (const char* prefix : kPrefixes)
        if (name.rfind(prefix, 0) == 0) return name.substr(std::string(prefix).size());
    return name;
}

const FloatArray* findWeight(const StateDict& weights, const std::string& name) {
    for (const auto& entry : weights)
        if (entry.first == name) return &entry.second;
    return nullptr;
}

int countBlocks(const StateDict& weights, const std::string& prefix) {
    int count = 0;
    while (findWeight(weights, prefix + std::to_string(count) + ".norm1.weight")) ++count;
    return count;
}

/// Values of the pickled argparse.Namespace that shape the model: model, input_size, patch_size, mask_ratio.
void applyArgs(const PickleValue& args, ModelConfig& config) {
    if (const auto model = args.find("model"); model && model->kind == Kind::String) config.name = model->text;
    auto pair = [&](const char* key, int& first, int& second) {
        const auto value = args.find(key);
        if (value && (value->kind == Kind::List || value->kind == Kind::Tuple) && value->items.size() == 2 &&
            value->items[0]->kind == Kind::Int && value->items[1]->kind == Kind::Int) {
            first = static_cast<int>(value->items[0]->integer);
            second = static_cast<int>(value->items[1]->integer);
        }
    };
    pair("input_size", config.inputFrequency, config.inputFrames);
    pair("patch_size", config.patchFrequency, config.patchTime);
    if (const auto ratio = args.find("mask_ratio"); ratio && ratio->kind == Kind::Float) config.maskRatio = ratio->real;
}

}  // namespace

bool ImportedCheckpoint::hasTrainingParts() const { return findWeight(weights, "decoder_embed.weight") != nullptr; }

CheckpointImporter::CheckpointImporter(std::vector<ModelConfig> presets) : presets_(std::move(presets)) {}

ImportedCheckpoint CheckpointImporter::read(const std::string& path) const {
    if (!std::filesystem::is_regular_file(std::filesystem::u8path(path)))
        throw InputError(path, std::filesystem::exists(std::filesystem::u8path(path)) ? "is not a regular file" : "no such file");
    if (!endsWith(path, ".safetensors")) return readPth(path);
    ImportedCheckpoint checkpoint;
    checkpoint.path = path;
    checkpoint.format = "safetensors";
    std::map<std::string, std::string> metadata;
    checkpoint.contents = {"model"};
    for (auto& entry : SafetensorsFile::read(path, &metadata)) {
        if (entry.first.rfind("optimizer.", 0) == 0) continue;  // AdamW moments of a training checkpoint
        checkpoint.weights.push_back(std::move(entry));
    }
    if (metadata.count("m2ds.training_state")) {
        checkpoint.contents = {"model", "optimizer", "training state"};
        const auto state = nlohmann::json::parse(metadata["m2ds.training_state"], nullptr, /*allow_exceptions=*/false);
        // Only what can be shown: a "next_step" of 1e300 or "x" must not throw (json::value() would) or be cast.
        const auto next = state.find("next_epoch"), step = state.find("next_step");
        if (next != state.end() && next->is_number_integer() && JsonNumbers::fits<int>(*next))
            checkpoint.epoch = next->get<int>() - (step == state.end() || *step == 0 ? 1 : 0);
    }
    if (metadata.count("m2ds.config")) {
        try {
            checkpoint.config = ModelConfig::fromJson(metadata["m2ds.config"]);
        } catch (const InvalidArgument& error) {
            throw InputError(path, error.what());
        }
        checkpoint.configSource = "file header";
        checkpoint.normStatsFromFile = true;
        checkpoint.provenanceJson = metadata.count("m2ds.provenance") ? metadata["m2ds.provenance"] : "";
        completeGeometry(checkpoint, checkpoint.config, /*headsFromBase=*/true);
        return checkpoint;
    }
    checkpoint.configSource = "weights";
    completeGeometry(checkpoint, ModelConfig{}, false);
    return checkpoint;
}

ImportedCheckpoint CheckpointImporter::readPth(const std::string& path) const {
    const PthArchive archive(path);
    const PickleValue& root = *archive.root();
    ImportedCheckpoint checkpoint;
    checkpoint.path = path;
    checkpoint.format = "PyTorch .pth";
    if (root.kind != Kind::Dict) throw InputError(path, "the pickle holds a " + root.describe() + ", not a dict");
    PickleRef stateDict = root.find("model");
    if (stateDict) {
        for (const auto& entry : root.entries)
            if (entry.first->kind == Kind::String) checkpoint.contents.push_back(entry.first->text);
    } else {
        stateDict = archive.root();  // encoder-only files are the state dict itself
        checkpoint.contents = {"state dict only"};
    }
    if (stateDict->kind != Kind::Dict) throw InputError(path, "'model' is a " + stateDict->describe() + ", not a state dict");
    for (const auto& [key, value] : stateDict->entries) {
        if (key->kind != Kind::String) throw InputError(path, "state dict key is a " + key->describe());
        if (value->kind != Kind::Tensor) throw InputError(path, "state dict entry " + FileText::quoted(key->text) + " is a " + value->describe());
        checkpoint.weights.emplace_back(stripPrefixes(key->text), archive.readTensor(*value, key->text));
    }
    if (const auto epoch = root.find("epoch"); epoch && epoch->kind == Kind::Int) checkpoint.epoch = static_cast<int>(epoch->integer);

    ModelConfig base;
    checkpoint.configSource = "weights";
    const auto args = root.find("args");
    const std::string folder = std::filesystem::u8path(path).parent_path().filename().u8string();
    if (ModelConfig::parseFolderName(folder, base)) checkpoint.configSource = "folder name '" + folder + "' + weights";
    if (args && args->kind == Kind::Object) {
        applyArgs(*args, base);
        checkpoint.configSource = "pickled args + weights";
    }
    completeGeometry(checkpoint, base, false);
    return checkpoint;
}

void CheckpointImporter::completeGeometry(ImportedCheckpoint& checkpoint, ModelConfig base, bool headsFromBase) const {
    const StateDict& weights = checkpoint.weights;
    const std::string& path = checkpoint.path;
    auto require = [&](const char* name, std::size_t dims) -> const FloatArray& {
        const FloatArray* found = findWeight(weights, name);
        if (!found) throw InputError(path, std::string("missing key '") + name + "' (not M2D weights?)");
        if (found->shape.size() != dims) throw InputError(path, std::string("key '") + name + "' has " + std::to_string(found->shape.size()) + " dimensions, expected " + std::to_string(dims));
        return *found;
    };
    // Head counts cannot be read from weights: our header's, else a preset's of the same name, else 64-d heads
    // (32-d in the decoder), as every official ViT-Base has.
    const auto preset = headsFromBase ? presets_.end()
                                      : std::find_if(presets_.begin(), presets_.end(), [&](const ModelConfig& p) { return p.name == base.name; });
    const ModelConfig& heads = preset != presets_.end() ? *preset : base;
    const bool knownHeads = headsFromBase || preset != presets_.end();
    ModelConfig config = base;
    const FloatArray& patch = require("patch_embed.proj.weight", 4);
    const FloatArray& positions = require("pos_embed", 3);
    config.dim = static_cast<int>(require("cls_token", 3).shape[2]);
    config.patchFrequency = static_cast<int>(patch.shape[2]);
    config.patchTime = static_cast<int>(patch.shape[3]);
    config.depth = countBlocks(weights, "blocks.");
    if (const FloatArray* fc1 = findWeight(weights, "blocks.0.mlp.fc1.weight")) config.mlpRatio = double(fc1->shape[0]) / config.dim;
    const int tokens = static_cast<int>(positions.shape[1]) - 1;
    config.inputFrames = tokens / std::max(1, config.gridRows()) * config.patchTime;
    config.heads = knownHeads && heads.dim == config.dim ? heads.heads : std::max(1, config.dim / 64);
    if (const FloatArray* mask = findWeight(weights, "mask_token")) {
        config.decoderDim = static_cast<int>(mask->shape.back());
        config.decoderDepth = countBlocks(weights, "decoder_blocks.");
        config.decoderHeads = knownHeads && heads.decoderDim == config.decoderDim ? heads.decoderHeads
                                                                                  : std::max(1, config.decoderDim / 32);
    }
    const FloatArray* offline = findWeight(weights, "offline_predictor.weight");
    config.offlineDim = offline ? static_cast<int>(offline->shape[0]) : 0;
    if (const FloatArray* stats = findWeight(weights, "norm_stats"); stats && stats->values.size() == 2) {
        config.normMean = stats->values[0];
        config.normStd = stats->values[1];
        checkpoint.normStatsFromFile = true;
    }
    if (preset != presets_.end()) checkpoint.configSource += ", heads from preset '" + preset->name + "'";
    try {
        config.validate();
    } catch (const InvalidArgument& error) {
        throw InputError(path, error.what());
    }
    if (config.tokens() != tokens)
        throw InputError(path, "pos_embed has " + std::to_string(tokens) + " patch positions, not a whole number of " +
                                   std::to_string(config.gridRows()) + "-row columns");
    checkpoint.config = config;
}

}  // namespace m2ds
