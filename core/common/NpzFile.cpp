#include "common/NpzFile.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <zlib.h>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/NpyFile.h"

namespace m2ds {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50, kEndOfDirectory = 0x06054b50;

std::uint64_t readLittle(const std::string& bytes, std::size_t offset, int width) {
    std::uint64_t value = 0;
    for (int i = 0; i < width; ++i) value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
    return value;
}

void appendLittle(std::string& out, std::uint64_t value, int width) {
    for (int i = 0; i < width; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

struct Member {
    std::string name;
    int method;
    std::uint64_t compressedSize, size, localHeaderOffset;
};

/// Sizes and offset from a central-directory record, replaced by its zip64 extra field where they overflow.
void applyZip64(const std::string& bytes, std::size_t extra, std::size_t extraLength, Member& member) {
    for (std::size_t at = extra; at + 4 <= extra + extraLength;) {
        const auto id = readLittle(bytes, at, 2), length = readLittle(bytes, at + 2, 2);
        std::size_t field = at + 4;
        if (id == 1) {
            for (std::uint64_t* value : {&member.size, &member.compressedSize, &member.localHeaderOffset})
                if (*value == 0xffffffffu && field + 8 <= at + 4 + length) { *value = readLittle(bytes, field, 8); field += 8; }
        }
        at += 4 + length;
    }
}

std::vector<Member> centralDirectory(const std::string& path, const std::string& bytes) {
    if (bytes.size() < 22) throw InputError(path, "not an .npz (zip) file: too short");
    std::size_t end = bytes.size() - 22;
    while (end > 0 && readLittle(bytes, end, 4) != kEndOfDirectory) --end;
    if (readLittle(bytes, end, 4) != kEndOfDirectory) throw InputError(path, "not an .npz (zip) file: no end of central directory");
    const auto count = readLittle(bytes, end + 10, 2);
    std::size_t at = readLittle(bytes, end + 16, 4);
    std::vector<Member> members;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (at + 46 > bytes.size() || readLittle(bytes, at, 4) != kCentralHeader)
            throw InputError(path, "corrupt zip central directory at byte " + std::to_string(at));
        Member member{"", static_cast<int>(readLittle(bytes, at + 10, 2)), readLittle(bytes, at + 20, 4), readLittle(bytes, at + 24, 4),
                      readLittle(bytes, at + 42, 4)};
        const auto nameLength = readLittle(bytes, at + 28, 2), extraLength = readLittle(bytes, at + 30, 2),
                   commentLength = readLittle(bytes, at + 32, 2);
        if (at + 46 + nameLength + extraLength > bytes.size()) throw InputError(path, "corrupt zip central directory entry");
        member.name = bytes.substr(at + 46, nameLength);
        applyZip64(bytes, at + 46 + nameLength, extraLength, member);
        members.push_back(member);
        at += 46 + nameLength + extraLength + commentLength;
    }
    return members;
}

std::string inflateRaw(const std::string& label, const char* data, std::size_t size, std::size_t expected) {
    std::string out(expected, '\0');
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) throw InputError(label, "zlib initialisation failed");
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    stream.avail_in = static_cast<uInt>(size);
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(expected);
    const int status = inflate(&stream, Z_FINISH);
    inflateEnd(&stream);
    if (status != Z_STREAM_END || stream.total_out != expected) throw InputError(label, "corrupt deflate data");
    return out;
}

std::string memberBytes(const std::string& path, const std::string& bytes, const Member& member) {
    const std::string label = path + ":" + member.name;
    const std::size_t local = member.localHeaderOffset;
    if (local + 30 > bytes.size() || readLittle(bytes, local, 4) != kLocalHeader) throw InputError(label, "corrupt zip local header");
    const std::size_t data = local + 30 + readLittle(bytes, local + 26, 2) + readLittle(bytes, local + 28, 2);
    if (data > bytes.size() || member.compressedSize > bytes.size() - data) throw InputError(label, "member data runs past the end of the file");
    if (member.method == 0) return bytes.substr(data, member.size);
    if (member.method == 8) return inflateRaw(label, bytes.data() + data, member.compressedSize, member.size);
    throw InputError(label, "unsupported zip compression method " + std::to_string(member.method));
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
    appendLittle(header, 0, 2 + 2 + 2 + 2 + 4);  // extra, comment, disk, internal attributes, external attributes
    appendLittle(header, offset, 4);
    return header + name;
}

}  // namespace

NpzFile::Arrays NpzFile::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open file");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Arrays arrays;
    for (const Member& member : centralDirectory(path, bytes)) {
        std::string name = member.name;
        if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0) name.resize(name.size() - 4);
        arrays.emplace_back(name, NpyFile::decode(path + ":" + member.name, memberBytes(path, bytes, member)));
    }
    return arrays;
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
    std::string end;
    appendLittle(end, kEndOfDirectory, 4);
    appendLittle(end, 0, 4);
    appendLittle(end, members.size(), 2);
    appendLittle(end, members.size(), 2);
    appendLittle(end, directory.size(), 4);
    appendLittle(end, body.size(), 4);
    appendLittle(end, 0, 2);
    AtomicFileWriter writer(path);
    writer.write(body.data(), body.size());
    writer.write(directory.data(), directory.size());
    writer.write(end.data(), end.size());
    writer.commit();
}

}  // namespace m2ds
