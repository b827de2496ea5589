#pragma once
#include <string>

namespace m2ds {

/// True when `text` ends with `suffix` (file extensions: ".safetensors", ".csv").
inline bool endsWith(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace m2ds
