#include "cluster/FairseqLabels.h"

#include <cstdint>
#include <fstream>
#include <sstream>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/FileText.h"

namespace m2ds {

void FairseqLabels::writeKm(const std::string& path, const std::vector<std::vector<std::int32_t>>& utterances) {
    std::string text;
    for (const auto& ids : utterances) {
        for (std::size_t i = 0; i < ids.size(); ++i) text += (i ? " " : "") + std::to_string(ids[i]);
        text += '\n';
    }
    AtomicFileWriter::writeFile(path, text);
}

void FairseqLabels::writeDictionary(const std::string& path, const std::vector<std::int64_t>& counts) {
    std::string text;
    for (std::size_t id = 0; id < counts.size(); ++id) text += std::to_string(id) + ' ' + std::to_string(counts[id]) + '\n';
    AtomicFileWriter::writeFile(path, text);
}

std::vector<std::vector<std::int32_t>> FairseqLabels::readKm(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, "cannot be opened");
    return readKm(in, path);
}

std::vector<std::vector<std::int32_t>> FairseqLabels::readKm(std::istream& in, const std::string& path) {
    std::vector<std::vector<std::int32_t>> utterances;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        std::istringstream words(line);
        std::vector<std::int32_t> ids;
        std::string word;
        while (words >> word) {
            char* end = nullptr;
            const long id = std::strtol(word.c_str(), &end, 10);
            if (*end != '\0' || id < 0 || id > INT32_MAX)
                throw InputError(path, "line " + std::to_string(number) + ": " + FileText::quoted(word, 20) + " is not a cluster id");
            ids.push_back(std::int32_t(id));
        }
        utterances.push_back(std::move(ids));
    }
    return utterances;
}

}  // namespace m2ds
