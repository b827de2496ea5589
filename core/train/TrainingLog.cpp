#include "train/TrainingLog.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include "common/Errors.h"
#include "tensorboard/TensorBoardWriter.h"

namespace m2ds {

namespace {

/// log.jsonl field → TensorBoard tag, per event; the first three are the official M2D names.
const std::vector<std::pair<const char*, const char*>> kStepScalars{
    {"loss", "train_loss"}, {"lr", "lr"}, {"ema", "ema_decay"}, {"l_m2d", "loss_m2d"}, {"l_off", "loss_off"},
    {"grad_norm", "grad_norm"}, {"samples_per_s", "samples_per_s"}};
const std::vector<std::pair<const char*, const char*>> kRankMeScalars{{"rankme", "rankme"}};

}  // namespace

TrainingLog::TrainingLog(const std::string& path, const std::string& tensorBoardFolder) : path_(path) {
    if (!tensorBoardFolder.empty()) tensorBoard_ = std::make_unique<TensorBoardWriter>(tensorBoardFolder);
    if (path.empty()) return;
    file_ = std::fopen(path.c_str(), "a");
    if (!file_) throw OutputError(path, std::strerror(errno));
}

void TrainingLog::mirrorToTensorBoard(const std::string& event, const nlohmann::ordered_json& fields) {
    if (!tensorBoard_ || !fields.contains("epoch_1000x")) return;
    const auto& scalars = event == "step" ? kStepScalars : event == "rankme" ? kRankMeScalars : std::vector<std::pair<const char*, const char*>>{};
    const auto step = fields.at("epoch_1000x").get<std::int64_t>();
    for (const auto& [field, tag] : scalars)
        if (fields.contains(field) && fields.at(field).is_number()) tensorBoard_->add(tag, fields.at(field).get<float>(), step);
}

TrainingLog::~TrainingLog() {
    if (file_) std::fclose(file_);
}

void TrainingLog::write(const std::string& event, nlohmann::ordered_json fields) {
    mirrorToTensorBoard(event, fields);
    if (!file_) return;
    const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    nlohmann::ordered_json record{{"event", event}, {"time", now}};
    record.update(fields);
    const std::string line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0)
        throw OutputError(path_, std::strerror(errno));
}

}  // namespace m2ds
