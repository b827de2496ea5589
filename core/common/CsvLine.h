#pragma once
#include <string>
#include <vector>

namespace m2ds {

/// Splits one CSV line (RFC 4180 quoting within the line) into fields: commas inside "quoted, fields" stay, "" inside
/// quotes is one quote, a trailing '\r' is dropped. An empty line is one empty field.
std::vector<std::string> splitCsvLine(const std::string& line);

}  // namespace m2ds
