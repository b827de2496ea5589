#pragma once
#include <string>

namespace m2ds {

/// `text` as one CSV field: unchanged, or in double quotes (inner quotes doubled) when it holds a comma, quote or
/// line break (RFC 4180).
std::string csvQuoted(const std::string& text);

/// Appends "<quotedFile>,<layer>,<frame>,<start_ms>,<end_ms>" (times with one decimal, ms): the columns that name a
/// row in the embedding CSV and in the NPY index. Clip rows have frame −1.
void appendEmbeddingRowKey(std::string& line, const std::string& quotedFile, int layer, long frame, double startMs, double endMs);

}  // namespace m2ds
