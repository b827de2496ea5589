#include "train/TrainingCheckpoint.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <tuple>

#include "checkpoint/SafetensorsFile.h"
#include "common/Errors.h"
#include "common/TextUtilities.h"

namespace m2ds {
namespace {

constexpr const char* kOptimiserPrefix = "optimizer.";

/// Where a checkpoint's file name puts it in training, for files written within one tick of the file clock:
/// checkpoint-E (the end of epoch E) after checkpoint-E-itN (a stop inside epoch E after N iterations), epoch 10 after
/// epoch 9. Names of another form come first, in text order.
using TrainingOrder = std::tuple<bool, long long, long long, std::string>;
TrainingOrder trainingOrder(const std::string& name) {
    static const std::regex pattern(R"(checkpoint-(\d{1,18})(-it(\d{1,18}))?\.safetensors)");
    std::smatch match;
    if (!std::regex_match(name, match, pattern)) return {false, 0, 0, name};
    return {true, std::stoll(match[1]), match[3].matched ? std::stoll(match[3]) : std::numeric_limits<long long>::max(), name};
}

std::string provenance(const TrainingCheckpoint& checkpoint) {
    nlohmann::ordered_json json{{"source", "m2ds train"},
                                {"version", M2DS_VERSION},
                                {"teacher", checkpoint.state.teacherKind},
                                {"speech", checkpoint.state.speechSource},
                                {"noise", checkpoint.state.noiseSource},
                                {"iterations", checkpoint.state.iterations}};
    return json.dump();
}

}  // namespace

void TrainingCheckpoint::save(const std::string& path) const {
    StateDict tensors = weights;
    tensors.insert(tensors.end(), optimiser.begin(), optimiser.end());
    SafetensorsFile::write(path, tensors,
                           {{"m2ds.config", model.toJson()},
                            {"m2ds.provenance", provenance(*this)},
                            {"m2ds.train_config", train.toJson()},
                            {"m2ds.training_state", state.toJson()}});
}

TrainingCheckpoint TrainingCheckpoint::load(const std::string& path) {
    std::map<std::string, std::string> metadata;
    StateDict tensors = SafetensorsFile::read(path, &metadata);
    if (!metadata.count("m2ds.training_state") || !metadata.count("m2ds.config") || !metadata.count("m2ds.train_config"))
        throw InputError(path, "not a training checkpoint of m2ds train (no resume state in its header)");
    TrainingCheckpoint checkpoint;
    try {
        checkpoint.model = ModelConfig::fromJson(metadata["m2ds.config"]);
        checkpoint.train = TrainConfig::fromJson(metadata["m2ds.train_config"]);
        checkpoint.state = TrainingState::fromJson(metadata["m2ds.training_state"]);
    } catch (const InvalidArgument& error) {
        throw InputError(path, error.what());
    }
    for (auto& entry : tensors)
        (entry.first.rfind(kOptimiserPrefix, 0) == 0 ? checkpoint.optimiser : checkpoint.weights).push_back(std::move(entry));
    return checkpoint;
}

std::vector<std::string> TrainingCheckpoint::listIn(const std::string& folder) {
    namespace fs = std::filesystem;
    std::vector<std::tuple<fs::file_time_type, TrainingOrder, std::string>> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.rfind("checkpoint-", 0) == 0 && endsWith(name, ".safetensors"))
            found.emplace_back(entry.last_write_time(), trainingOrder(name), entry.path().string());
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> paths;
    for (auto& item : found) paths.push_back(std::move(std::get<2>(item)));
    return paths;
}

std::string TrainingCheckpoint::latestIn(const std::string& folder) {
    const auto all = listIn(folder);
    return all.empty() ? std::string() : all.back();
}

}  // namespace m2ds
