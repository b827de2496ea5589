#include "checkpoint/SafetensorsFile.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "checkpoint/FloatDecoding.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"

namespace m2ds::SafetensorsFile {
namespace {

constexpr uint64_t kMaxHeaderBytes = 100u << 20;

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
    const auto fileSize = static_cast<uint64_t>(in.tellg());
    in.seekg(0);
    unsigned char prefix[8];
    if (fileSize < 8 || !in.read(reinterpret_cast<char*>(prefix), 8)) throw InputError(path, "too short for a safetensors file");
    uint64_t headerLength = 0;
    for (int i = 0; i < 8; ++i) headerLength |= static_cast<uint64_t>(prefix[i]) << (8 * i);
    if (headerLength > kMaxHeaderBytes || headerLength > fileSize - 8)
        throw InputError(path, "safetensors header length " + std::to_string(headerLength) + " exceeds the file");
    std::string text(headerLength, '\0');
    in.read(text.data(), static_cast<std::streamsize>(headerLength));
    nlohmann::ordered_json header;
    try {
        header = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::exception& error) {
        throw InputError(path, std::string("safetensors header is not valid JSON: ") + error.what());
    }
    const uint64_t dataStart = 8 + headerLength, dataSize = fileSize - dataStart;
    StateDict tensors;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") {
            if (metadata)
                for (const auto& [key, value] : entry.items()) (*metadata)[key] = value.is_string() ? value.get<std::string>() : value.dump();
            continue;
        }
        try {
            const std::string dtype = entry.at("dtype");
            const StoredFloat type = storedFloatFromSafetensors(dtype);
            const std::size_t width = storedFloatWidth(type);
            if (!width) throw InputError(path, "tensor '" + name + "' has dtype " + dtype + " (F32, F16, BF16 or F64 expected)");
            FloatArray array;
            array.shape = entry.at("shape").get<std::vector<std::size_t>>();
            const uint64_t begin = entry.at("data_offsets").at(0), end = entry.at("data_offsets").at(1);
            if (begin > end || end > dataSize)
                throw InputError(path, "tensor '" + name + "' data [" + std::to_string(begin) + ", " + std::to_string(end) +
                                           ") lies outside the " + std::to_string(dataSize) + " data bytes");
            const std::size_t count = array.elementCount();
            if ((end - begin) != count * width)
                throw InputError(path, "tensor '" + name + "' holds " + std::to_string(end - begin) + " bytes, its shape needs " +
                                           std::to_string(count * width));
            std::vector<char> bytes(end - begin);
            in.seekg(static_cast<std::streamoff>(dataStart + begin));
            in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            array.values.resize(count);
            for (std::size_t i = 0; i < count; ++i) array.values[i] = decodeStoredFloat(type, bytes.data() + i * width);
            tensors.emplace_back(name, std::move(array));
        } catch (const nlohmann::json::exception& error) {
            throw InputError(path, "safetensors entry '" + name + "' is malformed: " + error.what());
        }
    }
    return tensors;
}

}  // namespace m2ds::SafetensorsFile
