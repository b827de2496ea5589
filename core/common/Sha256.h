#pragma once
#include <string>

namespace m2ds {

/// SHA-256 of a file's bytes as 64 lowercase hex digits (provenance of checkpoints in export sidecars and cache
/// identities). Remembered per process by absolute path, size and modification time, so the workbench's jobs do not
/// read a 380–800 MB checkpoint again (~1.2 s per 380 MB here) until the file changes. Throws InputError if the file
/// cannot be read.
std::string sha256OfFile(const std::string& path);
/// SHA-256 of a byte string, hex.
std::string sha256(const std::string& bytes);

}  // namespace m2ds
