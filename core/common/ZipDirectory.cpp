#include "common/ZipDirectory.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "common/Errors.h"
#include "common/FileText.h"

namespace m2ds {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50, kEndOfDirectory = 0x06054b50,
                        kZip64Locator = 0x07064b50, kZip64End = 0x06064b50;
constexpr std::uint64_t kMaxDirectoryBytes = std::uint64_t{1} << 28;  // ~4 million entries; no .npz or .pth has more

std::uint64_t little(const std::string& bytes, std::size_t offset, int width) {
    std::uint64_t value = 0;
    for (int i = 0; i < width; ++i) value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
    return value;
}

/// Sizes and offset from a central-directory record, replaced by its zip64 extra field where they overflow.
void applyZip64(const std::string& bytes, std::size_t extra, std::size_t extraLength, ZipDirectory::Entry& entry) {
    for (std::size_t at = extra; at + 4 <= extra + extraLength;) {
        const auto id = little(bytes, at, 2), length = little(bytes, at + 2, 2);
        std::size_t field = at + 4;
        if (id == 1)
            for (std::uint64_t* value : {&entry.size, &entry.compressedSize, &entry.localHeaderOffset})
                if (*value == 0xffffffffu && field + 8 <= std::min(at + 4 + length, extra + extraLength)) {
                    *value = little(bytes, field, 8);
                    field += 8;
                }
        at += 4 + length;
    }
}

}  // namespace

ZipDirectory::ZipDirectory(const std::string& path) : path_(path) {
    std::error_code error;
    fileSize_ = std::filesystem::file_size(std::filesystem::u8path(path), error);
    if (error) throw InputError(path, "cannot open file");
    readEntries(endRecord());
}

ZipDirectory::ZipDirectory(const std::string& label, std::string bytes) : path_(label), memory_(std::move(bytes)) {
    fileSize_ = memory_->size();
    readEntries(endRecord());
}

std::string ZipDirectory::readAt(std::uint64_t offset, std::uint64_t length) const {
    if (offset > fileSize_ || length > fileSize_ - offset) throw InputError(path_, "corrupt zip: a record lies past the end of the file");
    if (memory_) return memory_->substr(offset, length);
    std::ifstream in(std::filesystem::u8path(path_), std::ios::binary);
    std::string bytes(length, '\0');
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in.read(bytes.data(), static_cast<std::streamsize>(length))) throw InputError(path_, "read error");
    return bytes;
}

ZipDirectory::Span ZipDirectory::endRecord() const {
    if (fileSize_ < 22) throw InputError(path_, "not a zip file: too short");
    const std::uint64_t tailStart = fileSize_ - std::min<std::uint64_t>(fileSize_, 22 + 0xffff);
    const std::string tail = readAt(tailStart, fileSize_ - tailStart);
    std::size_t end = tail.size() - 22;
    while (end > 0 && little(tail, end, 4) != kEndOfDirectory) --end;
    if (little(tail, end, 4) != kEndOfDirectory) throw InputError(path_, "not a zip file: no end of central directory");
    Span span{little(tail, end + 10, 2), little(tail, end + 12, 4), little(tail, end + 16, 4)};
    const bool zip64 = span.count == 0xffff || span.size == 0xffffffffu || span.offset == 0xffffffffu;
    if (zip64 && end >= 20 && little(tail, end - 20, 4) == kZip64Locator) {
        const std::string record = readAt(little(tail, end - 12, 8), 56);
        if (little(record, 0, 4) != kZip64End) throw InputError(path_, "corrupt zip64 end of central directory");
        span = {little(record, 32, 8), little(record, 40, 8), little(record, 48, 8)};
    }
    if (span.size > kMaxDirectoryBytes || span.count > span.size / 46)
        throw InputError(path_, "corrupt zip: the directory declares " + std::to_string(span.count) + " entries in " +
                                    std::to_string(span.size) + " bytes");
    return span;
}

void ZipDirectory::readEntries(const Span& span) {
    const std::string bytes = readAt(span.offset, span.size);
    std::size_t at = 0;
    for (std::uint64_t i = 0; i < span.count; ++i) {
        if (at + 46 > bytes.size() || little(bytes, at, 4) != kCentralHeader)
            throw InputError(path_, "corrupt zip central directory at byte " + std::to_string(span.offset + at));
        Entry entry{"", static_cast<int>(little(bytes, at + 10, 2)), little(bytes, at + 20, 4), little(bytes, at + 24, 4),
                    little(bytes, at + 42, 4)};
        const std::size_t nameLength = little(bytes, at + 28, 2), extraLength = little(bytes, at + 30, 2),
                          commentLength = little(bytes, at + 32, 2);
        if (at + 46 + nameLength + extraLength > bytes.size()) throw InputError(path_, "corrupt zip central directory entry");
        entry.name = bytes.substr(at + 46, nameLength);
        applyZip64(bytes, at + 46 + nameLength, extraLength, entry);
        if (entry.localHeaderOffset > fileSize_ || entry.compressedSize > fileSize_)
            throw InputError(path_, "corrupt zip: member " + FileText::quoted(entry.name) + " lies past the end of the file");
        entries_.push_back(std::move(entry));
        at += 46 + nameLength + extraLength + commentLength;
    }
}

std::string ZipDirectory::endRecordBytes(std::uint64_t entries, std::uint64_t directorySize, std::uint64_t directoryOffset) {
    std::string end;
    const auto append = [&end](std::uint64_t value, int width) {
        for (int i = 0; i < width; ++i) end += static_cast<char>((value >> (8 * i)) & 0xff);
    };
    append(kEndOfDirectory, 4);
    append(0, 4);  // disk numbers
    append(entries, 2);
    append(entries, 2);
    append(directorySize, 4);
    append(directoryOffset, 4);
    append(0, 2);  // comment length
    return end;
}

const ZipDirectory::Entry* ZipDirectory::find(const std::string& name) const {
    const auto found = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& entry) { return entry.name == name; });
    return found == entries_.end() ? nullptr : &*found;
}

std::string ZipDirectory::duplicateName() const {
    std::set<std::string> seen;
    for (const Entry& entry : entries_)
        if (!seen.insert(entry.name).second) return entry.name;
    return "";
}

std::uint64_t ZipDirectory::dataOffset(const Entry& entry) const {
    const std::string header = readAt(entry.localHeaderOffset, 30);
    if (little(header, 0, 4) != kLocalHeader) throw InputError(path_, "corrupt zip local header of " + FileText::quoted(entry.name));
    const std::uint64_t data = entry.localHeaderOffset + 30 + little(header, 26, 2) + little(header, 28, 2);
    if (data > fileSize_ || entry.compressedSize > fileSize_ - data)
        throw InputError(path_, "member " + FileText::quoted(entry.name) + " runs past the end of the file");
    return data;
}

std::string ZipDirectory::storedBytes(const Entry& entry) const { return readAt(dataOffset(entry), entry.compressedSize); }

}  // namespace m2ds
