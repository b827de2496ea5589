#pragma once
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace m2ds {

/// The run's JSON-lines log (`log.jsonl`): one object per line with "event" and "time" (Unix seconds), appended and
/// flushed line by line so that a reader (the workbench) sees whole records and a killed run loses nothing written.
class TrainingLog {
public:
    /// Opens `path` for appending; an empty path logs nowhere (other ranks, dry runs). Throws OutputError.
    explicit TrainingLog(const std::string& path);
    ~TrainingLog();
    TrainingLog(const TrainingLog&) = delete;
    TrainingLog& operator=(const TrainingLog&) = delete;
    /// Appends {"event": event, "time": now, ...fields}.
    void write(const std::string& event, nlohmann::ordered_json fields = nlohmann::ordered_json::object());

private:
    std::FILE* file_ = nullptr;
    std::string path_;
};

}  // namespace m2ds
