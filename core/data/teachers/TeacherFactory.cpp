#include "data/teachers/TeacherFactory.h"

#include "checkpoint/CheckpointImporter.h"
#include "common/Errors.h"
#include "data/teachers/HubertTeacher.h"
#include "data/teachers/MfccTeacher.h"
#include "data/teachers/ModelLayerTeacher.h"
#include "data/teachers/NpyFileTeacher.h"
#include "model/hubert/HubertBatching.h"

namespace m2ds {
namespace {

/// "PATH[:LAYER]" → (PATH, LAYER), LAYER = fallback when absent (a trailing ":digits" is the layer).
std::pair<std::string, int> pathAndLayer(const std::string& argument, int fallback) {
    if (const auto colon = argument.rfind(':'); colon != std::string::npos && colon + 1 < argument.size() &&
                                                argument.find_first_not_of("0123456789", colon + 1) == std::string::npos)
        return {argument.substr(0, colon), std::stoi(argument.substr(colon + 1))};
    return {argument, fallback};
}

std::unique_ptr<TeacherFeatures> modelTeacher(const std::string& argument, const std::vector<ModelConfig>& presets, const TeacherRuntime& runtime) {
    auto [path, layer] = pathAndLayer(argument, -1);
    const ImportedCheckpoint checkpoint = CheckpointImporter(presets).read(path);
    if (layer < 0) layer = checkpoint.config.depth;
    if (layer > checkpoint.config.depth)
        throw InvalidArgument("teacher layer " + std::to_string(layer) + " is past the model's last layer " + std::to_string(checkpoint.config.depth));
    auto model = M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights, M2dsModel::Parts::EncoderOnly);
    model.setDevice(runtime.device);
    return std::make_unique<ModelLayerTeacher>(std::move(model), layer, path);
}

/// "hubert:FOLDER[:LAYER]": the official teacher is facebook/hubert-base-ls960 hidden_states[9] (spec 3.1).
std::unique_ptr<TeacherFeatures> hubertTeacher(const std::string& argument, const TeacherRuntime& runtime) {
    const auto [path, layer] = pathAndLayer(argument, 9);
    HubertModel model = HubertModel::load(path);
    model.setDevice(runtime.device);
    model.setPrecision(runtime.precision);
    return std::make_unique<HubertTeacher>(std::move(model), layer, path, hubertBatchLimits(runtime.device, runtime.batch));
}

}  // namespace

std::unique_ptr<TeacherFeatures> makeTeacher(const std::string& spec, int mfccCoefficients, const std::vector<ModelConfig>& presets,
                                             const TeacherRuntime& runtime) {
    if (spec == "none" || spec == "npz") return nullptr;
    if (spec == "mfcc") return std::make_unique<MfccTeacher>(mfccCoefficients);
    if (spec == "npy") return std::make_unique<NpyFileTeacher>();
    if (spec.rfind("npy:", 0) == 0) return std::make_unique<NpyFileTeacher>(spec.substr(4));
    if (spec.rfind("model:", 0) == 0) return modelTeacher(spec.substr(6), presets, runtime);
    if (spec.rfind("hubert:", 0) == 0) return hubertTeacher(spec.substr(7), runtime);
    throw InvalidArgument("unknown teacher '" + spec + "' (use mfcc, npz, npy[:FOLDER], model:CHECKPOINT[:LAYER], hubert:FOLDER[:LAYER] or none)");
}

}  // namespace m2ds
