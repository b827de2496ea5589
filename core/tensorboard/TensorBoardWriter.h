#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

namespace m2ds {

/// Writes a TensorBoard event file (TFRecord framing with masked CRC-32C around `tensorflow.Event` protobufs) in a
/// run folder: events.out.tfevents.<unix time>.<host>, starting with the file_version record TensorBoard expects,
/// then one scalar summary per add(), flushed at once so that a live TensorBoard follows the run.
class TensorBoardWriter {
public:
    /// Creates the event file in `folder` (which must exist); throws OutputError naming it.
    explicit TensorBoardWriter(const std::string& folder);
    ~TensorBoardWriter();
    TensorBoardWriter(const TensorBoardWriter&) = delete;
    TensorBoardWriter& operator=(const TensorBoardWriter&) = delete;

    /// One scalar `tag` = `value` at `step` (TensorBoard's x-axis), stamped with the wall time; throws OutputError.
    void add(const std::string& tag, float value, std::int64_t step);
    /// The event file's path.
    const std::string& path() const { return path_; }

private:
    void writeRecord(const std::string& bytes);

    std::string path_;
    std::FILE* file_ = nullptr;
};

}  // namespace m2ds
