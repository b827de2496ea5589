#include "common/AtomicFileWriter.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "common/Errors.h"

namespace m2ds {
namespace {

mode_t currentUmask() {
    const mode_t mask = ::umask(0);  // reading the umask means setting it; put it straight back
    ::umask(mask);
    return mask;
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::string targetPath) : targetPath_(std::move(targetPath)) {
    std::vector<char> pattern(targetPath_.begin(), targetPath_.end());
    const char suffix[] = ".partial-XXXXXX";
    pattern.insert(pattern.end(), suffix, suffix + sizeof(suffix));
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) fail("cannot create a file there", errno);
    tempPath_ = pattern.data();
    ::fchmod(fd, 0666 & ~currentUmask());  // mkstemp makes 0600; give the file the permissions open() would
    file_ = ::fdopen(fd, "wb");
    if (!file_) {
        const int error = errno;
        ::close(fd);
        fail("cannot open the temporary file", error);
    }
}

AtomicFileWriter::~AtomicFileWriter() {
    if (file_) std::fclose(file_);
    if (!tempPath_.empty()) std::remove(tempPath_.c_str());
}

void AtomicFileWriter::write(const void* data, std::size_t size) {
    if (size > 0 && std::fwrite(data, 1, size, file_) != size) fail("write failed", errno);
}

void AtomicFileWriter::commit() {
    if (std::fflush(file_) != 0) fail("write failed", errno);
    if (::fsync(::fileno(file_)) != 0) fail("cannot sync to disk", errno);
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (closed != 0) fail("write failed", errno);
    if (std::rename(tempPath_.c_str(), targetPath_.c_str()) != 0) fail("cannot rename into place", errno);
    tempPath_.clear();
}

void AtomicFileWriter::fail(const std::string& what, int errorNumber) {
    if (file_) {
        std::fclose(file_);
        file_ = nullptr;
    }
    if (!tempPath_.empty()) {
        std::remove(tempPath_.c_str());
        tempPath_.clear();
    }
    throw OutputError(targetPath_, what + " (" + std::strerror(errorNumber) + "); nothing was written");
}

void AtomicFileWriter::writeFile(const std::string& path, const std::string& bytes) {
    AtomicFileWriter writer(path);
    writer.write(bytes.data(), bytes.size());
    writer.commit();
}

}  // namespace m2ds
