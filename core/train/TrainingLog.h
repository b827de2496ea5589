#pragma once
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace m2ds {

class TensorBoardWriter;

/// The run's JSON-lines log (`log.jsonl`): one object per line with "event" and "time" (Unix seconds), appended and
/// flushed line by line so that a reader (the workbench) sees whole records and a killed run loses nothing written.
/// With a TensorBoard folder, "step" and "rankme" records also go to a TensorBoard event file, under the official
/// M2D scalar names (train_loss, lr, ema_decay) plus loss_m2d, loss_off, grad_norm, samples_per_s and rankme, at the
/// official x-axis epoch_1000x (a field those records carry).
class TrainingLog {
public:
    /// Opens `path` for appending; an empty path logs nowhere (other ranks, dry runs). tensorBoardFolder: where the
    /// event file goes (empty: none). Throws OutputError.
    explicit TrainingLog(const std::string& path, const std::string& tensorBoardFolder = {});
    ~TrainingLog();
    TrainingLog(const TrainingLog&) = delete;
    TrainingLog& operator=(const TrainingLog&) = delete;
    /// Appends {"event": event, "time": now, ...fields}.
    void write(const std::string& event, nlohmann::ordered_json fields = nlohmann::ordered_json::object());

private:
    void mirrorToTensorBoard(const std::string& event, const nlohmann::ordered_json& fields);

    std::FILE* file_ = nullptr;
    std::string path_;
    std::unique_ptr<TensorBoardWriter> tensorBoard_;
};

}  // namespace m2ds
