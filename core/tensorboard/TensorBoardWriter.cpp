#include "tensorboard/TensorBoardWriter.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <unistd.h>

#include "common/Errors.h"
#include "tensorboard/Crc32c.h"
#include "tensorboard_event.pb.h"

namespace m2ds {
namespace {

double wallTime() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

std::string hostName() {
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 && name[0] ? std::string(name) : std::string("localhost");
}

/// Little-endian bytes of `value`, as TFRecord lays out lengths and CRCs.
template <typename Integer>
std::string littleEndian(Integer value) {
    std::string bytes(sizeof value, '\0');
    for (std::size_t i = 0; i < sizeof value; ++i) bytes[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
    return bytes;
}

}  // namespace

TensorBoardWriter::TensorBoardWriter(const std::string& folder)
    : path_(folder + "/events.out.tfevents." + std::to_string(static_cast<long long>(wallTime())) + "." + hostName()) {
    file_ = std::fopen(path_.c_str(), "ab");
    if (!file_) throw OutputError(path_, std::string("cannot create the TensorBoard event file: ") + std::strerror(errno));
    tensorflow::Event event;
    event.set_wall_time(wallTime());
    event.set_file_version("brain.Event:2");
    writeRecord(event.SerializeAsString());
}

TensorBoardWriter::~TensorBoardWriter() {
    if (file_) std::fclose(file_);
}

void TensorBoardWriter::add(const std::string& tag, float value, std::int64_t step) {
    tensorflow::Event event;
    event.set_wall_time(wallTime());
    event.set_step(step);
    tensorflow::Summary::Value* scalar = event.mutable_summary()->add_value();
    scalar->set_tag(tag);
    scalar->set_simple_value(value);
    writeRecord(event.SerializeAsString());
}

void TensorBoardWriter::writeRecord(const std::string& data) {
    const std::string length = littleEndian<std::uint64_t>(data.size());
    const std::string record = length + littleEndian(Crc32c::masked(Crc32c::of(length.data(), length.size()))) + data +
                               littleEndian(Crc32c::masked(Crc32c::of(data.data(), data.size())));
    if (std::fwrite(record.data(), 1, record.size(), file_) != record.size() || std::fflush(file_) != 0)
        throw OutputError(path_, std::string("writing the TensorBoard event file failed: ") + std::strerror(errno));
}

}  // namespace m2ds
