#include "common/NpzFile.h"

#include <cstdint>
#include <cstring>
#include <algorithm>
#include <zlib.h>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/FileText.h"
#include "common/NpyFile.h"
#include "common/ZipDirectory.h"

namespace m2ds {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50;
constexpr std::uint64_t kMaxMemberBytes = 0xffffffffu;  // one zlib call inflates a member

/// Appends the low `width` bytes of `value`, least significant first; width 1..8.
void appendLittle(std::string& out, std::uint64_t value, int width) {
    for (int i = 0; i < width; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

/// The most a deflate stream of `size` bytes can take (zlib's deflateBound for stored blocks, plus slack).
std::uint64_t deflatedBound(std::uint64_t size) { return size + size / 1000 + 1024; }

/// Refuses members whose declared sizes exceed `maxBytes` in total, or that cannot be what they claim, before any
/// byte is inflated.
void checkDeclaredSizes(const std::string& path, const ZipDirectory& directory, std::uint64_t maxBytes) {
    std::uint64_t total = 0;
    for (const ZipDirectory::Entry& entry : directory.entries()) {
        const std::string label = path + ":" + FileText::escaped(entry.name);
        if (entry.method != 0 && entry.method != 8) throw InputError(label, "unsupported zip compression method " + std::to_string(entry.method));
        if ((entry.method == 0 && entry.compressedSize != entry.size) || (entry.method == 8 && entry.compressedSize > deflatedBound(entry.size)))
            throw InputError(label, "corrupt zip entry: " + std::to_string(entry.compressedSize) + " stored bytes for " +
                                        std::to_string(entry.size) + " bytes of data");
        if (entry.size > maxBytes - total)
            throw InputError(label, "declares " + std::to_string(entry.size) + " bytes of array data, more than the " +
                                        std::to_string(maxBytes) + " this reader accepts; refused before inflating");
        total += entry.size;
    }
}

std::string inflateRaw(const std::string& label, const std::string& deflated, std::size_t expected) {
    std::string out(expected, '\0');
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) throw InputError(label, "zlib initialisation failed");
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
    stream.avail_in = static_cast<uInt>(deflated.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(expected);
    const int status = inflate(&stream, Z_FINISH);
    inflateEnd(&stream);
    if (status != Z_STREAM_END || stream.total_out != expected) throw InputError(label, "corrupt deflate data");
    return out;
}

std::string memberBytes(const std::string& path, const ZipDirectory& directory, const ZipDirectory::Entry& entry) {
    std::string stored = directory.storedBytes(entry);
    if (entry.method == 0) return stored;
    return inflateRaw(path + ":" + FileText::escaped(entry.name), stored, entry.size);
}

/// Every member of the archive `directory` lists; `path` names it in errors.
NpzFile::Arrays readMembers(const std::string& path, const ZipDirectory& directory, std::uint64_t maxBytes) {
    checkDeclaredSizes(path, directory, std::min(maxBytes, kMaxMemberBytes));
    NpzFile::Arrays arrays;
    for (const ZipDirectory::Entry& entry : directory.entries()) {
        std::string name = entry.name;
        if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0) name.resize(name.size() - 4);
        arrays.emplace_back(name, NpyFile::decode(path + ":" + FileText::escaped(entry.name), memberBytes(path, directory, entry)));
    }
    return arrays;
}

std::string localHeader(const std::string& name, std::uint32_t crc, std::size_t size) {
    std::string header;
    appendLittle(header, kLocalHeader, 4);
    appendLittle(header, 20, 2);  // version needed
    appendLittle(header, 0, 2);   // flags
    appendLittle(header, 0, 2);   // stored
    appendLittle(header, 0, 4);   // time, date
    appendLittle(header, crc, 4);
    appendLittle(header, size, 4);
    appendLittle(header, size, 4);
    appendLittle(header, name.size(), 2);
    appendLittle(header, 0, 2);
    return header + name;
}

std::string centralHeader(const std::string& name, std::uint32_t crc, std::size_t size, std::size_t offset) {
    std::string header;
    appendLittle(header, kCentralHeader, 4);
    appendLittle(header, 20, 2);
    appendLittle(header, 20, 2);
    appendLittle(header, 0, 2);
    appendLittle(header, 0, 2);
    appendLittle(header, 0, 4);
    appendLittle(header, crc, 4);
    appendLittle(header, size, 4);
    appendLittle(header, size, 4);
    appendLittle(header, name.size(), 2);
    header.append(2 + 2 + 2 + 2 + 4, '\0');  // extra, comment, disk, internal attributes, external attributes
    appendLittle(header, offset, 4);
    return header + name;
}

}  // namespace

NpzFile::Arrays NpzFile::read(const std::string& path, std::uint64_t maxBytes) { return readMembers(path, ZipDirectory(path), maxBytes); }

NpzFile::Arrays NpzFile::decode(const std::string& label, std::string bytes, std::uint64_t maxBytes) {
    return readMembers(label, ZipDirectory(label, std::move(bytes)), maxBytes);
}

const FloatArray* NpzFile::find(const Arrays& arrays, const std::string& name) {
    for (const auto& entry : arrays)
        if (entry.first == name) return &entry.second;
    return nullptr;
}

const FloatArray& NpzFile::member(const Arrays& arrays, const std::string& name, const std::string& label) {
    if (const FloatArray* array = find(arrays, name)) return *array;
    throw InputError(label, "has no array '" + name + "'");
}

void NpzFile::write(const std::string& path, const Arrays& arrays) {
    std::vector<std::pair<std::string, std::string>> members;
    for (const auto& [name, array] : arrays) members.emplace_back(name, NpyFile::encode(array.shape, array.values.data()));
    writeEncoded(path, members);
}

void NpzFile::writeEncoded(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members) {
    std::string body, directory;
    for (const auto& [name, data] : members) {
        const std::string member = name + ".npy";
        const auto crc = static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
        if (body.size() + data.size() > 0xfffffff0u) throw OutputError(path, "arrays too large for a plain zip (over 4 GB)");
        directory += centralHeader(member, crc, data.size(), body.size());
        body += localHeader(member, crc, data.size()) + data;
    }
    const std::string end = ZipDirectory::endRecordBytes(members.size(), directory.size(), body.size());
    AtomicFileWriter writer(path);
    writer.write(body.data(), body.size());
    writer.write(directory.data(), directory.size());
    writer.write(end.data(), end.size());
    writer.commit();
}

}  // namespace m2ds
