#include "common/FileText.h"

#include <cstdio>

namespace m2ds::FileText {
namespace {

/// Length of the valid UTF-8 sequence starting at `at` (1-4), or 0 when the bytes there are not one.
std::size_t utf8Length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || at + length > text.size()) return 0;
    for (std::size_t i = 1; i < length; ++i)
        if ((byte(at + i) & 0xc0) != 0x80) return 0;
    const unsigned second = byte(at + 1);
    if ((length == 2 && lead < 0xc2) || (length == 3 && lead == 0xe0 && second < 0xa0) ||
        (length == 3 && lead == 0xed && second >= 0xa0) || (length == 4 && (lead > 0xf4 || (lead == 0xf0 && second < 0x90) ||
                                                                            (lead == 0xf4 && second >= 0x90))))
        return 0;  // overlong forms, UTF-16 surrogates, beyond U+10FFFF
    return length;
}

std::string escapeByte(unsigned char byte) {
    switch (byte) {
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
    }
    char hex[5];
    std::snprintf(hex, sizeof hex, "\\x%02x", byte);
    return hex;
}

}  // namespace

std::string escaped(std::string_view text, std::size_t maxChars) {
    std::string out;
    std::size_t chars = 0, at = 0;
    while (at < text.size() && chars < maxChars) {
        const std::size_t length = utf8Length(text, at);
        const auto byte = static_cast<unsigned char>(text[at]);
        const bool c1Control = length == 2 && byte == 0xc2 && static_cast<unsigned char>(text[at + 1]) < 0xa0;
        if (length == 1 && byte >= 0x20 && byte != 0x7f) out += text[at];
        else if (length > 1 && !c1Control) out.append(text.substr(at, length));
        else for (std::size_t i = 0; i < (c1Control ? 2 : 1); ++i) out += escapeByte(static_cast<unsigned char>(text[at + i]));
        at += length ? length : 1;
        ++chars;
    }
    if (at < text.size()) out += "…";
    return out;
}

std::string quoted(std::string_view text, std::size_t maxChars) { return "'" + escaped(text, maxChars) + "'"; }

}  // namespace m2ds::FileText
