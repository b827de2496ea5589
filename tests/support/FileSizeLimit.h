#pragma once
// A file-size limit for tests of writes that fail mid-way (header-only, POSIX): while a FileSizeLimit lives, a write
// that would make any file of this process larger than the limit fails with EFBIG, as on a full disk or quota.
#include <csignal>
#include <sys/resource.h>

namespace m2ds::test {

class FileSizeLimit {
public:
    /// bytes: the largest size a file may reach. SIGXFSZ is ignored meanwhile, so the write fails instead of the process.
    explicit FileSizeLimit(rlim_t bytes) : previousHandler_(std::signal(SIGXFSZ, SIG_IGN)) {
        ::getrlimit(RLIMIT_FSIZE, &previous_);
        rlimit limited = previous_;
        limited.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &previous_);
        std::signal(SIGXFSZ, previousHandler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit previous_{};
    void (*previousHandler_)(int);
};

}  // namespace m2ds::test
