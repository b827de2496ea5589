#pragma once
#include <string>

namespace m2ds {

/// SHA-256 of a file's bytes as 64 lowercase hex digits (provenance of checkpoints in export sidecars).
/// Throws InputError if the file cannot be read.
std::string sha256OfFile(const std::string& path);
/// SHA-256 of a byte string, hex.
std::string sha256(const std::string& bytes);

}  // namespace m2ds
