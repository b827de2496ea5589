#pragma once
#include <string>
#include <utility>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

/// Named weights in state_dict order, official key names ("blocks.3.attn.qkv.weight"), float32.
using StateDict = std::vector<std::pair<std::string, FloatArray>>;

}  // namespace m2ds
