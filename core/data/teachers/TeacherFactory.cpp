#include "data/teachers/TeacherFactory.h"

#include "checkpoint/CheckpointImporter.h"
#include "common/Errors.h"
#include "data/teachers/MfccTeacher.h"
#include "data/teachers/ModelLayerTeacher.h"
#include "data/teachers/NpyFileTeacher.h"

namespace m2ds {
namespace {

std::unique_ptr<TeacherFeatures> modelTeacher(const std::string& argument, const std::vector<ModelConfig>& presets) {
    std::string path = argument;
    int layer = -1;
    if (const auto colon = argument.rfind(':'); colon != std::string::npos && colon + 1 < argument.size() &&
                                                argument.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
        path = argument.substr(0, colon);
        layer = std::stoi(argument.substr(colon + 1));
    }
    const ImportedCheckpoint checkpoint = CheckpointImporter(presets).read(path);
    if (layer < 0) layer = checkpoint.config.depth;
    if (layer > checkpoint.config.depth)
        throw InvalidArgument("teacher layer " + std::to_string(layer) + " is past the model's last layer " + std::to_string(checkpoint.config.depth));
    auto model = M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights, M2dsModel::Parts::EncoderOnly);
    return std::make_unique<ModelLayerTeacher>(std::move(model), layer, path);
}

}  // namespace

std::unique_ptr<TeacherFeatures> makeTeacher(const std::string& spec, int mfccCoefficients, const std::vector<ModelConfig>& presets) {
    if (spec == "none" || spec == "npz") return nullptr;
    if (spec == "mfcc") return std::make_unique<MfccTeacher>(mfccCoefficients);
    if (spec == "npy") return std::make_unique<NpyFileTeacher>();
    if (spec.rfind("npy:", 0) == 0) return std::make_unique<NpyFileTeacher>(spec.substr(4));
    if (spec.rfind("model:", 0) == 0) return modelTeacher(spec.substr(6), presets);
    throw InvalidArgument("unknown teacher '" + spec + "' (use mfcc, npz, npy[:FOLDER], model:CHECKPOINT[:LAYER] or none)");
}

}  // namespace m2ds
