#include "labels/TextGrid.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/FileText.h"

namespace m2ds {
namespace {

/// Praat's UTF-16 files (with a byte-order mark) as UTF-8; other bytes pass unchanged.
std::string toUtf8(const std::string& bytes) {
    const bool littleEndian = bytes.size() >= 2 && uint8_t(bytes[0]) == 0xFF && uint8_t(bytes[1]) == 0xFE;
    const bool bigEndian = bytes.size() >= 2 && uint8_t(bytes[0]) == 0xFE && uint8_t(bytes[1]) == 0xFF;
    if (!littleEndian && !bigEndian) return bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? bytes.substr(3) : bytes;
    std::string out;
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
        const unsigned unit = littleEndian ? uint8_t(bytes[i]) | uint8_t(bytes[i + 1]) << 8 : uint8_t(bytes[i]) << 8 | uint8_t(bytes[i + 1]);
        if (unit < 0x80) out += char(unit);
        else if (unit < 0x800) out += {char(0xC0 | unit >> 6), char(0x80 | (unit & 0x3F))};
        else out += {char(0xE0 | unit >> 12), char(0x80 | (unit >> 6 & 0x3F)), char(0x80 | (unit & 0x3F))};
    }
    return out;
}

/// The values of a TextGrid in order, long or short format alike: quoted strings ("" inside is a quote), numbers
/// and <flags>; the long format's `name =` keys, `[i]:` headers and comments are dropped.
class TokenReader {
public:
    TokenReader(std::string text, std::string path) : text_(std::move(text)), path_(std::move(path)) {}

    std::string string(const char* what) {
        const std::string token = next(what);
        if (token.empty() || token[0] != '"') fail(std::string("expected the ") + what + " as a quoted string, found " + FileText::quoted(token));
        return token.substr(1);
    }
    double number(const char* what) {
        const std::string token = next(what);
        char* end = nullptr;
        const double value = std::strtod(token.c_str(), &end);
        if (token.empty() || *end != '\0' || !std::isfinite(value)) fail(std::string("expected the ") + what + " as a number, found " + FileText::quoted(token));
        return value;
    }
    std::string flagOrString(const char* what) { return next(what); }
    [[noreturn]] void fail(const std::string& why) const { throw InputError(path_, "not a readable TextGrid: " + why); }

private:
    std::string next(const char* what) {
        while (position_ < text_.size()) {
            const char c = text_[position_];
            if (c == '"') return quoted();
            if (c == '!') skipLine();
            else if (std::isdigit(uint8_t(c)) || c == '-' || c == '+' || c == '.') return word();
            else if (c == '<') return word();
            else if (std::isalpha(uint8_t(c)) || c == '[') skipKey();
            else ++position_;
        }
        fail(std::string("the file ends before the ") + what);
    }
    std::string quoted() {
        std::string value = "\"";
        for (++position_; position_ < text_.size(); ++position_) {
            if (text_[position_] == '"') {
                if (position_ + 1 < text_.size() && text_[position_ + 1] == '"') {
                    value += '"';
                    ++position_;
                    continue;
                }
                ++position_;
                return value;
            }
            value += text_[position_];
        }
        fail("a string is not closed");
    }
    std::string word() {
        const std::size_t start = position_;
        while (position_ < text_.size() && !std::isspace(uint8_t(text_[position_]))) ++position_;
        return text_.substr(start, position_ - start);
    }
    void skipKey() {  // `xmin =`, `intervals [3]:`, `item []:`, `tiers? <exists>` — up to the value
        while (position_ < text_.size() && std::string("=:\n<\"").find(text_[position_]) == std::string::npos) ++position_;
        if (position_ < text_.size() && (text_[position_] == '=' || text_[position_] == ':' || text_[position_] == '\n')) ++position_;
    }
    void skipLine() {
        while (position_ < text_.size() && text_[position_] != '\n') ++position_;
    }

    std::string text_;
    std::string path_;
    std::size_t position_ = 0;
};

TextGrid::Tier readTier(TokenReader& tokens) {
    TextGrid::Tier tier;
    const std::string kind = tokens.string("tier class");
    if (kind != "IntervalTier" && kind != "TextTier") tokens.fail("unknown tier class " + FileText::quoted(kind));
    tier.intervals = kind == "IntervalTier";
    tier.name = tokens.string("tier name");
    tokens.number("tier start");
    tokens.number("tier end");
    const double count = tokens.number("item count");
    if (count < 0 || count != std::floor(count)) tokens.fail("a tier has a bad item count");
    for (double i = 0; i < count; ++i) {
        LabelledSegment item;
        item.start = tokens.number(tier.intervals ? "interval start" : "point time");
        item.end = tier.intervals ? tokens.number("interval end") : item.start;
        item.label = tokens.string(tier.intervals ? "interval text" : "point mark");
        if (item.end < item.start) tokens.fail("tier " + FileText::quoted(tier.name) + " has an interval that ends before it starts");
        tier.items.push_back(std::move(item));
    }
    return tier;
}

std::string quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::vector<TextGrid::Tier> TextGrid::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot be opened");
    return decode(path, std::string(std::istreambuf_iterator<char>(in), {}));
}

std::vector<TextGrid::Tier> TextGrid::decode(const std::string& label, const std::string& bytes) {
    std::string text = toUtf8(bytes);
    if (text.find("\"ooTextFile\"") > 64) throw InputError(label, "not a TextGrid: it does not start with File type = \"ooTextFile\"");
    TokenReader tokens(std::move(text), label);
    tokens.string("file type");
    if (tokens.string("object class") != "TextGrid") tokens.fail("the object class is not \"TextGrid\"");
    tokens.number("start time");
    tokens.number("end time");
    if (tokens.flagOrString("tiers flag") != "<exists>") return {};
    const double count = tokens.number("tier count");
    if (count < 0 || count != std::floor(count)) tokens.fail("bad tier count");
    std::vector<Tier> tiers;
    for (double i = 0; i < count; ++i) tiers.push_back(readTier(tokens));
    return tiers;
}

TextGrid::Tier TextGrid::readIntervalTier(const std::string& path, const std::string& name) {
    std::string names;
    for (Tier& tier : read(path)) {
        if (tier.intervals && (name.empty() || tier.name == name)) return std::move(tier);
        names += (names.empty() ? "" : ", ") + quote(FileText::escaped(tier.name));
    }
    throw InputError(path, (name.empty() ? std::string("has no interval tier") : "has no interval tier " + quote(FileText::escaped(name))) +
                               (names.empty() ? "" : " (its tiers: " + names + ")"));
}

void TextGrid::writeIntervalTier(const std::string& path, const std::string& tierName, const std::vector<LabelledSegment>& segments,
                                 double xmin, double xmax) {
    std::ostringstream out;
    out.precision(17);
    out << "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = " << xmin << "\nxmax = " << xmax
        << "\ntiers? <exists>\nsize = 1\nitem []:\n    item [1]:\n        class = \"IntervalTier\"\n        name = " << quote(tierName)
        << "\n        xmin = " << xmin << "\n        xmax = " << xmax << "\n        intervals: size = " << segments.size() << "\n";
    for (std::size_t i = 0; i < segments.size(); ++i)
        out << "        intervals [" << i + 1 << "]:\n            xmin = " << segments[i].start << "\n            xmax = " << segments[i].end
            << "\n            text = " << quote(segments[i].label) << "\n";
    AtomicFileWriter::writeFile(path, out.str());
}

}  // namespace m2ds
