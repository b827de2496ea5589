#include "checkpoint/SafetensorsFile.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "checkpoint/FloatDecoding.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/FileText.h"
#include "common/JsonNumbers.h"

namespace m2ds::SafetensorsFile {
namespace {

constexpr uint64_t kMaxHeaderBytes = 100u << 20;
constexpr int kMaxHeaderDepth = 8;  // {name: {"shape": [...]}} is three deep

/// One tensor as the header declares it, checked against the data size.
struct TensorEntry {
    std::string name;
    StoredFloat type;
    std::vector<std::size_t> shape;
    uint64_t begin, end;
};

/// The deepest nesting of objects and arrays in JSON `text`, found by a scan that skips strings.
int nestingDepth(const std::string& text) {
    int depth = 0, deepest = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

/// The header as JSON (a std::map: linear in the number of entries, unlike an insertion-ordered one), refusing
/// nesting deeper than any safetensors header has before nlohmann's recursive code sees it.
nlohmann::json parseHeader(const std::string& path, const std::string& text) {
    if (nestingDepth(text) > kMaxHeaderDepth)
        throw InputError(path, "safetensors header nests deeper than " + std::to_string(kMaxHeaderDepth) + " levels");
    try {
        nlohmann::json header = nlohmann::json::parse(text);
        if (!header.is_object()) throw InputError(path, "safetensors header is not a JSON object");
        return header;
    } catch (const nlohmann::json::exception& error) {
        throw InputError(path, "safetensors header is not valid JSON: " + FileText::escaped(error.what(), 200));
    }
}

/// `__metadata__`: a string-to-string map, as the safetensors format defines it (its Rust reader refuses anything else).
std::map<std::string, std::string> readMetadata(const std::string& path, const nlohmann::json& header) {
    std::map<std::string, std::string> metadata;
    const auto found = header.find("__metadata__");
    if (found == header.end()) return metadata;
    if (!found->is_object()) throw InputError(path, "safetensors __metadata__ is not an object of strings");
    for (const auto& [key, value] : found->items()) {
        if (!value.is_string()) throw InputError(path, "safetensors __metadata__ entry " + FileText::quoted(key) + " is not a string");
        metadata[key] = value.get<std::string>();
    }
    return metadata;
}

/// Shape of a header entry: non-negative integers whose product times `width` fits in `dataSize`.
std::vector<std::size_t> checkedShape(const std::string& path, const std::string& label, const nlohmann::json& shape,
                                      std::size_t width, uint64_t dataSize) {
    std::vector<std::size_t> dims;
    uint64_t elements = 1;
    for (const auto& dim : shape) {
        if (!dim.is_number_unsigned()) throw InputError(path, "tensor " + label + " has a shape entry that is not a non-negative integer");
        const auto size = dim.get<uint64_t>();
        if (size > 0 && elements > dataSize / width / size) elements = dataSize / width + 1;  // more than the data holds
        else elements *= size;
        dims.push_back(static_cast<std::size_t>(size));
    }
    if (elements * width > dataSize) throw InputError(path, "tensor " + label + " has a shape larger than the file's data");
    return dims;
}

TensorEntry tensorEntry(const std::string& path, const std::string& name, const nlohmann::json& entry, uint64_t dataSize) {
    const std::string label = FileText::quoted(name);
    try {
        const std::string dtype = entry.at("dtype");
        const StoredFloat type = storedFloatFromSafetensors(dtype);
        const std::size_t width = storedFloatWidth(type);
        if (!width) throw InputError(path, "tensor " + label + " has dtype " + FileText::quoted(dtype) + " (F32, F16, BF16 or F64 expected)");
        TensorEntry out{name, type, {}, 0, 0};
        JsonNumbers::getTo(entry.at("data_offsets").at(0), out.begin);  // 1e93 is no offset (its cast to uint64 was undefined)
        JsonNumbers::getTo(entry.at("data_offsets").at(1), out.end);
        if (out.begin > out.end || out.end > dataSize)
            throw InputError(path, "tensor " + label + " data [" + std::to_string(out.begin) + ", " + std::to_string(out.end) +
                                       ") lies outside the " + std::to_string(dataSize) + " data bytes");
        out.shape = checkedShape(path, label, entry.at("shape"), width, dataSize);
        const uint64_t needed = FloatArray{out.shape, {}}.elementCount() * width;
        if (out.end - out.begin != needed)
            throw InputError(path, "tensor " + label + " holds " + std::to_string(out.end - out.begin) + " bytes, its shape needs " +
                                       std::to_string(needed));
        return out;
    } catch (const nlohmann::json::exception& error) {
        throw InputError(path, "safetensors entry " + label + " is malformed: " + FileText::escaped(error.what(), 200));
    }
}

/// Every tensor entry in data order; overlapping data ranges are refused (two tensors sharing bytes is not a file any
/// writer produces, and safetensors' own reader refuses it).
std::vector<TensorEntry> tensorEntries(const std::string& path, const nlohmann::json& header, uint64_t dataSize) {
    std::vector<TensorEntry> entries;
    for (const auto& [name, entry] : header.items())
        if (name != "__metadata__") entries.push_back(tensorEntry(path, name, entry, dataSize));
    std::stable_sort(entries.begin(), entries.end(), [](const TensorEntry& a, const TensorEntry& b) { return a.begin < b.begin; });
    const TensorEntry* previous = nullptr;
    for (const TensorEntry& entry : entries) {
        if (entry.begin == entry.end) continue;
        if (previous && entry.begin < previous->end)
            throw InputError(path, "tensors " + FileText::quoted(previous->name) + " and " + FileText::quoted(entry.name) + " overlap in the data");
        previous = &entry;
    }
    return entries;
}

/// The tensors of the safetensors file that `in` reads (`fileSize` bytes); see read().
StateDict readStream(const std::string& path, std::istream& in, uint64_t fileSize, std::map<std::string, std::string>* metadata) {
    in.seekg(0);
    unsigned char prefix[8];
    if (fileSize < 8 || !in.read(reinterpret_cast<char*>(prefix), 8)) throw InputError(path, "too short for a safetensors file");
    uint64_t headerLength = 0;
    for (int i = 0; i < 8; ++i) headerLength |= static_cast<uint64_t>(prefix[i]) << (8 * i);
    if (headerLength > kMaxHeaderBytes || headerLength > fileSize - 8)
        throw InputError(path, "safetensors header length " + std::to_string(headerLength) + " exceeds the file");
    std::string text(headerLength, '\0');
    in.read(text.data(), static_cast<std::streamsize>(headerLength));
    const nlohmann::json header = parseHeader(path, text);
    std::map<std::string, std::string> values = readMetadata(path, header);  // checked even when the caller ignores it
    if (metadata) *metadata = std::move(values);
    const uint64_t dataStart = 8 + headerLength;
    StateDict tensors;
    for (const TensorEntry& entry : tensorEntries(path, header, fileSize - dataStart)) {
        const std::size_t width = storedFloatWidth(entry.type);
        std::vector<char> bytes(entry.end - entry.begin);
        in.seekg(static_cast<std::streamoff>(dataStart + entry.begin));
        if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) throw InputError(path, "read error");
        FloatArray array{entry.shape, std::vector<float>(bytes.size() / width)};
        for (std::size_t i = 0; i < array.values.size(); ++i) array.values[i] = decodeStoredFloat(entry.type, bytes.data() + i * width);
        tensors.emplace_back(entry.name, std::move(array));
    }
    return tensors;
}

}  // namespace

void write(const std::string& path, const StateDict& tensors, const std::map<std::string, std::string>& metadata) {
    nlohmann::ordered_json header;
    header["__metadata__"] = metadata;
    uint64_t offset = 0;
    for (const auto& [name, array] : tensors) {
        const uint64_t bytes = array.values.size() * sizeof(float);
        header[name] = {{"dtype", "F32"}, {"shape", array.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');  // keep the data 8-byte aligned
    const uint64_t length = text.size();
    unsigned char prefix[8];
    for (int i = 0; i < 8; ++i) prefix[i] = static_cast<unsigned char>(length >> (8 * i));
    AtomicFileWriter writer(path);
    writer.write(prefix, 8);
    writer.write(text.data(), text.size());
    for (const auto& entry : tensors) writer.write(entry.second.values.data(), entry.second.values.size() * sizeof(float));
    writer.commit();
}

StateDict read(const std::string& path, std::map<std::string, std::string>* metadata) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw InputError(path, "cannot open file");
    return readStream(path, in, static_cast<uint64_t>(in.tellg()), metadata);
}

StateDict decode(const std::string& label, std::string bytes, std::map<std::string, std::string>* metadata) {
    const auto size = static_cast<uint64_t>(bytes.size());
    std::istringstream in(std::move(bytes));
    return readStream(label, in, size, metadata);
}

}  // namespace m2ds::SafetensorsFile
