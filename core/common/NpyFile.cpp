#include "common/NpyFile.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <numeric>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/FileText.h"

namespace m2ds {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;
constexpr std::size_t kMaxElements = std::size_t{1} << 48;  // keeps element counts and byte sizes far from overflow

std::string shapeText(const std::vector<std::size_t>& shape) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) text += std::to_string(shape[i]) + (shape.size() == 1 ? "," : i + 1 < shape.size() ? ", " : "");
    return text + ")";
}

std::string headerFor(const char* descr, const std::vector<std::size_t>& shape) {
    std::string dict = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
    // magic(6) + version(2) + length(2) + dict + padding + '\n' must be a multiple of 64.
    const std::size_t unpadded = kMagicSize + 2 + 2 + dict.size() + 1;
    dict.append((64 - unpadded % 64) % 64, ' ');
    dict += '\n';
    std::string prefix(kMagic, kMagicSize);
    prefix += '\x01';
    prefix += '\x00';
    prefix += static_cast<char>(dict.size() & 0xff);
    prefix += static_cast<char>((dict.size() >> 8) & 0xff);
    return prefix + dict;
}

}  // namespace

std::string NpyFile::header(const std::vector<std::size_t>& shape) { return headerFor("<f4", shape); }

namespace {

/// The text of the header dict's `key` ("'shape'") up to the `close` character after `open`, e.g. "1, 80, 700" for
/// "'shape': (1, 80, 700)"; throws InputError naming `what` when it is not there. A plain scan: std::regex recurses
/// once per character and overflows the stack on a hostile megabyte-long header.
std::string dictValue(const std::string& path, const std::string& dict, const std::string& key, char open, char close, const char* what) {
    const std::size_t at = dict.find(key);
    const std::size_t colon = at == std::string::npos ? at : dict.find_first_not_of(" \t", at + key.size());
    const std::size_t begin = colon == std::string::npos || dict[colon] != ':' ? std::string::npos : dict.find_first_not_of(" \t", colon + 1);
    const std::size_t end = begin == std::string::npos || dict[begin] != open ? std::string::npos : dict.find(close, begin + 1);
    if (end == std::string::npos) throw InputError(path, std::string("NPY header has no ") + what);
    return dict.substr(begin + 1, end - begin - 1);
}

std::vector<std::size_t> parseShape(const std::string& path, const std::string& dict) {
    const std::string dims = dictValue(path, dict, "'shape'", '(', ')', "shape");
    std::vector<std::size_t> shape;
    std::size_t elements = 1;
    for (std::size_t at = 0; at < dims.size();) {
        std::size_t next = std::min(dims.find(',', at), dims.size());
        const std::size_t first = dims.find_first_not_of(" \t", at), last = dims.find_last_not_of(" \t", next - 1);
        at = next + 1;
        if (first >= next) continue;  // the empty part after a trailing comma: (3,)
        const std::string dim = dims.substr(first, last - first + 1);
        if (dim[0] == '-') throw InputError(path, "NPY shape has a negative dimension (" + FileText::escaped(dim) + ")");
        if (dim.find_first_not_of("0123456789") != std::string::npos)
            throw InputError(path, "NPY shape " + FileText::quoted(dims) + " is not a tuple of integers");
        const std::size_t size = dim.size() <= 12 ? std::stoull(dim) : kMaxElements + 1;
        if (size > 0 && elements > kMaxElements / size)
            throw InputError(path, "NPY shape " + FileText::escaped(dims) + " declares more elements than any file holds");
        elements *= size;
        shape.push_back(size);
    }
    return shape;
}

/// A little-endian NPY dtype this reader accepts, converted element by element to float.
struct ElementType {
    std::size_t size;
    float (*read)(const char*);
};

template <typename T>
float readAs(const char* bytes) {
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    return static_cast<float>(value);
}

/// Where the header dict starts (10 for format 1.0, 12 for 2.0/3.0), from the first 12 bytes or more.
std::size_t headerDictOffset(const std::string& label, const std::string& bytes) {
    if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, kMagicSize) != 0)
        throw InputError(label, "not a NumPy .npy file (bad magic)");
    const int major = static_cast<unsigned char>(bytes[6]);
    const std::size_t offset = major >= 2 ? 12 : 10;
    if (bytes.size() < offset) throw InputError(label, "truncated NPY header");
    return offset;
}

/// The little-endian length of the header dict stored just before dictOffset.
std::uint32_t headerDictLength(const std::string& bytes, std::size_t dictOffset) {
    std::uint32_t length = 0;
    for (std::size_t i = 8; i < dictOffset; ++i) length |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << (8 * (i - 8));
    return length;
}

/// The header dict (C order checked) of `bytes`, which must hold at least the whole header.
std::string headerDict(const std::string& label, const std::string& bytes, std::size_t dictOffset) {
    const std::uint32_t headerLength = headerDictLength(bytes, dictOffset);
    if (headerLength > (1u << 20) || bytes.size() < dictOffset + headerLength) throw InputError(label, "truncated NPY header");
    std::string dict = bytes.substr(dictOffset, headerLength);
    if (dict.find("'fortran_order': False") == std::string::npos)
        throw InputError(label, "Fortran-order NPY arrays are not supported");
    return dict;
}

ElementType elementType(const std::string& label, const std::string& dict) {
    if (dict.find("'<f4'") != std::string::npos) return {4, readAs<float>};
    if (dict.find("'<f8'") != std::string::npos) return {8, readAs<double>};
    if (dict.find("'<i8'") != std::string::npos) return {8, readAs<std::int64_t>};
    if (dict.find("'<i4'") != std::string::npos) return {4, readAs<std::int32_t>};
    throw InputError(label, "NPY dtype must be float32, float64, int32 or int64 (little-endian)");
}

}  // namespace

namespace NpyFile {

void writeFloat32(const std::string& path, const std::vector<std::size_t>& shape, const float* values) {
    AtomicFileWriter::writeFile(path, encode(shape, values));
}

std::string encode(const std::vector<std::size_t>& shape, const float* values) {
    FloatArray sizeOnly{shape, {}};
    std::string bytes = header(shape);
    bytes.append(reinterpret_cast<const char*>(values), sizeOnly.elementCount() * sizeof(float));
    return bytes;
}

void writeInt64(const std::string& path, const std::vector<std::int64_t>& values) {
    std::string bytes = headerFor("<i8", {values.size()});
    bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(std::int64_t));
    AtomicFileWriter::writeFile(path, bytes);
}

std::string encodeInt64Scalar(std::int64_t value) {
    std::string bytes = headerFor("<i8", {});
    bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
    return bytes;
}

FloatArray decode(const std::string& label, const std::string& bytes) {
    const std::size_t dictOffset = headerDictOffset(label, bytes);
    const std::string dict = headerDict(label, bytes, dictOffset);
    std::size_t offset = dictOffset + dict.size();
    const ElementType type = elementType(label, dict);
    FloatArray array{parseShape(label, dict), {}};
    const std::size_t count = array.elementCount();
    const std::size_t available = bytes.size() - offset;
    if (count > available / type.size)
        throw InputError(label, "truncated NPY data: shape " + shapeText(array.shape) + " needs more than the " +
                                    std::to_string(available) + " bytes in the file");
    array.values.resize(count);
    const char* data = bytes.data() + offset;
    for (std::size_t i = 0; i < count; ++i) array.values[i] = type.read(data + i * type.size);
    return array;
}

FloatArray readFloat32(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open file");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw InputError(path, "read error");
    return decode(path, bytes);
}

Layout readLayout(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw InputError(path, "cannot open file");
    Layout layout;
    layout.fileSize = static_cast<std::size_t>(in.tellg());
    in.seekg(0);
    std::string bytes(std::min<std::size_t>(layout.fileSize, 12), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    const std::size_t dictOffset = headerDictOffset(path, bytes);
    const std::size_t headerLength = std::min<std::uint32_t>(headerDictLength(bytes, dictOffset), 1u << 20);
    bytes.resize(std::min<std::size_t>(layout.fileSize, dictOffset + headerLength));
    in.seekg(0);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in) throw InputError(path, "read error in the NPY header");
    const std::string dict = headerDict(path, bytes, dictOffset);
    layout.descr = dictValue(path, dict, "'descr'", '\'', '\'', "descr");
    layout.shape = parseShape(path, dict);
    layout.dataOffset = dictOffset + dict.size();
    return layout;
}

}  // namespace NpyFile
}  // namespace m2ds
