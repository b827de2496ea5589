#pragma once
#include <string>
#include <vector>

namespace m2ds {

/// Parses a layer list for a model of `depth` blocks: "all" (0..depth), "last", "12", "0-12", "3,6,9-11".
/// Layer 0 is the patch embedding (+ position), depth the last block with the final norm.
/// Throws InvalidArgument naming the bad part.
std::vector<int> parseLayerSelection(const std::string& text, int depth);

}  // namespace m2ds
