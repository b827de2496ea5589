#include "common/NpyFile.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <numeric>
#include <regex>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"

namespace m2ds {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;

std::string shapeText(const std::vector<std::size_t>& shape) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) text += std::to_string(shape[i]) + (shape.size() == 1 ? "," : i + 1 < shape.size() ? ", " : "");
    return text + ")";
}

}  // namespace

std::string NpyFile::header(const std::vector<std::size_t>& shape) {
    std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
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

namespace {

std::vector<std::size_t> parseShape(const std::string& path, const std::string& dict) {
    std::smatch match;
    if (!std::regex_search(dict, match, std::regex(R"('shape'\s*:\s*\(([^)]*)\))")))
        throw InputError(path, "NPY header has no shape");
    std::vector<std::size_t> shape;
    const std::string dims = match[1];
    const std::regex number(R"(\d+)");
    for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it)
        shape.push_back(std::stoull(it->str()));
    return shape;
}

}  // namespace

namespace NpyFile {

void writeFloat32(const std::string& path, const std::vector<std::size_t>& shape, const float* values) {
    FloatArray sizeOnly{shape, {}};
    AtomicFileWriter writer(path);
    const std::string prefix = header(shape);
    writer.write(prefix.data(), prefix.size());
    writer.write(values, sizeOnly.elementCount() * sizeof(float));
    writer.commit();
}

FloatArray readFloat32(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open file");
    char prefix[10];
    if (!in.read(prefix, sizeof prefix) || std::memcmp(prefix, kMagic, kMagicSize) != 0)
        throw InputError(path, "not a NumPy .npy file (bad magic)");
    const int major = static_cast<unsigned char>(prefix[6]);
    std::uint32_t headerLength = static_cast<unsigned char>(prefix[8]) | (static_cast<unsigned char>(prefix[9]) << 8);
    if (major >= 2) {
        char extra[2];
        if (!in.read(extra, 2)) throw InputError(path, "truncated NPY header");
        headerLength |= (static_cast<std::uint32_t>(static_cast<unsigned char>(extra[0])) << 16) |
                        (static_cast<std::uint32_t>(static_cast<unsigned char>(extra[1])) << 24);
    }
    if (headerLength > (1u << 20)) throw InputError(path, "NPY header too large");
    std::string dict(headerLength, '\0');
    if (!in.read(dict.data(), headerLength)) throw InputError(path, "truncated NPY header");
    if (dict.find("'fortran_order': False") == std::string::npos)
        throw InputError(path, "Fortran-order NPY arrays are not supported");
    const bool isFloat64 = dict.find("'<f8'") != std::string::npos;
    if (!isFloat64 && dict.find("'<f4'") == std::string::npos)
        throw InputError(path, "NPY dtype must be float32 or float64 (little-endian)");

    FloatArray array{parseShape(path, dict), {}};
    const std::size_t count = array.elementCount();
    const std::streamoff dataStart = in.tellg();
    in.seekg(0, std::ios::end);
    const auto available = static_cast<std::size_t>(in.tellg() - dataStart);
    in.seekg(dataStart);
    if (count > available / (isFloat64 ? sizeof(double) : sizeof(float)))
        throw InputError(path, "truncated NPY data: shape " + shapeText(array.shape) + " needs more than the " +
                                   std::to_string(available) + " bytes in the file");
    array.values.resize(count);
    if (isFloat64) {
        std::vector<double> wide(count);
        if (!in.read(reinterpret_cast<char*>(wide.data()), static_cast<std::streamsize>(count * sizeof(double))))
            throw InputError(path, "truncated NPY data");
        std::copy(wide.begin(), wide.end(), array.values.begin());
    } else if (!in.read(reinterpret_cast<char*>(array.values.data()), static_cast<std::streamsize>(count * sizeof(float)))) {
        throw InputError(path, "truncated NPY data");
    }
    return array;
}

}  // namespace NpyFile
}  // namespace m2ds
