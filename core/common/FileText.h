#pragma once
// Text that comes from a file (key names, tensor names, library messages quoting the file) made safe for a
// one-line message on a terminal.
#include <cstddef>
#include <string>
#include <string_view>

namespace m2ds::FileText {

/// `text` with control characters and invalid UTF-8 escaped (\n, \t, \xNN) and cut to `maxChars` characters
/// (then ending in "…"), so a hostile file can neither flood nor steer the terminal. Idempotent: escaping escaped
/// text changes nothing (backslashes are kept as they are).
std::string escaped(std::string_view text, std::size_t maxChars = 80);
/// escaped() in single quotes: 'blocks.0.attn.qkv.weight'.
std::string quoted(std::string_view text, std::size_t maxChars = 80);

}  // namespace m2ds::FileText
