#pragma once
#include <cstdio>
#include <string>

namespace m2ds {

/// Writes a file so that readers see either the old file or the complete new one, never a torn one:
/// bytes go to a temporary file beside the target, commit() flushes, syncs and renames it into place.
/// If commit() is not reached (error, exception), the temporary file is removed and the target is untouched.
class AtomicFileWriter {
public:
    /// Opens a temporary file in the directory of targetPath; throws OutputError naming the target.
    explicit AtomicFileWriter(std::string targetPath);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    /// Appends size bytes; throws OutputError (e.g. "No space left on device").
    void write(const void* data, std::size_t size);
    /// Makes the file visible under the target name; throws OutputError.
    void commit();
    /// Writes `bytes` as the whole file at `path`, atomically; throws OutputError.
    static void writeFile(const std::string& path, const std::string& bytes);

private:
    [[noreturn]] void fail(const std::string& what, int errorNumber);

    std::string targetPath_;
    std::string tempPath_;
    std::FILE* file_ = nullptr;
};

}  // namespace m2ds
