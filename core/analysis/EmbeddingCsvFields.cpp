#include "analysis/EmbeddingCsvFields.h"

#include <cstdio>

namespace m2ds {

std::string csvQuoted(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

void appendEmbeddingRowKey(std::string& line, const std::string& quotedFile, int layer, long frame, double startMs, double endMs) {
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, ",%d,%ld,%.1f,%.1f", layer, frame, startMs, endMs);
    line += quotedFile;
    line += numbers;
}

}  // namespace m2ds
