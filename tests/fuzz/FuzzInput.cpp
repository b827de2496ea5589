#include "FuzzInput.h"

#include <cstdio>
#include <cstdlib>

#include "common/FileText.h"

namespace m2ds::fuzz {
namespace {

constexpr std::size_t kMaxMessageBytes = 2000;

[[noreturn]] void finding(const char* why, const std::string& message) {
    std::fprintf(stderr, "fuzz finding: %s: %s\n", why, FileText::escaped(message, 400).c_str());
    std::abort();
}

}  // namespace

void requireUserMessage(const std::string& message, const std::string& prefix) {
    if (message.size() > kMaxMessageBytes) finding("the error message is longer than 2000 bytes", message);
    if (message.compare(0, prefix.size(), prefix) != 0) finding("the error message does not name the input first", message);
    // FileText::escaped changes exactly the control characters and invalid UTF-8 a message must not carry.
    if (FileText::escaped(message, kMaxMessageBytes) != message) finding("the error message carries raw bytes", message);
}

}  // namespace m2ds::fuzz
