#pragma once
// The central directory of a zip file (NumPy's .npz, torch.save's .pth), read without touching the members, so that
// readers can check what each member declares before they allocate or inflate anything.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace m2ds {

class ZipDirectory {
public:
    /// One member as the central directory declares it (zip64 sizes and offsets applied).
    struct Entry {
        std::string name;
        int method = 0;  ///< 0 stored, 8 deflated
        std::uint64_t compressedSize = 0, size = 0, localHeaderOffset = 0;
    };

    /// Reads the end record (zip64 aware) and every central-directory entry of `path`; throws InputError naming the
    /// file when it is not a zip or its directory points outside the file.
    explicit ZipDirectory(const std::string& path);
    /// The same for a zip held in memory (a whole file's bytes); `label` stands for the file in errors.
    ZipDirectory(const std::string& label, std::string bytes);
    /// The end-of-central-directory record a writer appends after `directorySize` bytes of directory that start at
    /// `directoryOffset` and list `entries` members (a plain zip: all three below 2^16, 2^32, 2^32).
    static std::string endRecordBytes(std::uint64_t entries, std::uint64_t directorySize, std::uint64_t directoryOffset);

    const std::vector<Entry>& entries() const { return entries_; }
    std::uint64_t fileSize() const { return fileSize_; }
    /// The entry called `name`, or null.
    const Entry* find(const std::string& name) const;
    /// The first name that two entries share, or "" when every name is unique.
    std::string duplicateName() const;
    /// Where the member's data starts in the file (after its local header); throws InputError when the local header
    /// is missing or the data runs past the end of the file.
    std::uint64_t dataOffset(const Entry& entry) const;
    /// The member's bytes as stored (still deflated when its method is 8), after dataOffset's checks.
    std::string storedBytes(const Entry& entry) const;

private:
    struct Span {
        std::uint64_t count, size, offset;
    };
    std::string readAt(std::uint64_t offset, std::uint64_t length) const;
    Span endRecord() const;
    void readEntries(const Span& span);

    std::string path_;
    std::optional<std::string> memory_;  ///< the bytes of an in-memory zip; empty for a file
    std::uint64_t fileSize_ = 0;
    std::vector<Entry> entries_;
};

}  // namespace m2ds
