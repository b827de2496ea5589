#pragma once
// What every fuzz target shares: the input as the reader's bytes, and the one outcome bad bytes may have besides
// success — the typed error the reader documents, whose message is one short printable line (what a user sees).
// Anything else (another exception, a crash, a sanitizer report, a hang, a blow-up) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/Errors.h"

namespace m2ds::fuzz {

/// The name every target gives its input; InputError messages must start with it.
inline const std::string kLabel = "fuzz-input";

/// The input's bytes as a string (what the readers' in-memory entry points take).
inline std::string bytes(const std::uint8_t* data, std::size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }

/// Aborts, printing why, unless `message` is at most 2000 bytes of valid UTF-8 without control characters and starts
/// with `prefix`.
void requireUserMessage(const std::string& message, const std::string& prefix);

/// Runs `read`: an InputError naming kLabel is the expected outcome of bad bytes; everything else escapes.
template <typename Read>
void expectInputError(Read&& read) {
    try {
        read();
    } catch (const InputError& error) {
        requireUserMessage(error.what(), kLabel);
    }
}

/// Runs `read` of a reader whose callers name the file themselves: an InvalidArgument is the expected outcome.
template <typename Read>
void expectInvalidArgument(Read&& read) {
    try {
        read();
    } catch (const InvalidArgument& error) {
        requireUserMessage(error.what(), "");
    }
}

}  // namespace m2ds::fuzz
