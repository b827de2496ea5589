#include "train/TrainingLog.h"

#include <cerrno>
#include <chrono>
#include <cstring>

#include "common/Errors.h"

namespace m2ds {

TrainingLog::TrainingLog(const std::string& path) : path_(path) {
    if (path.empty()) return;
    file_ = std::fopen(path.c_str(), "a");
    if (!file_) throw OutputError(path, std::strerror(errno));
}

TrainingLog::~TrainingLog() {
    if (file_) std::fclose(file_);
}

void TrainingLog::write(const std::string& event, nlohmann::ordered_json fields) {
    if (!file_) return;
    const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    nlohmann::ordered_json record{{"event", event}, {"time", now}};
    record.update(fields);
    const std::string line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0)
        throw OutputError(path_, std::strerror(errno));
}

}  // namespace m2ds
