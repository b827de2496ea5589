#pragma once
#include <string>
#include <vector>

#include "checkpoint/ImportedCheckpoint.h"

namespace m2ds {

class M2dsModel;

/// One labelled line about a loaded checkpoint ("encoder" → "dim 768, 12 blocks, …").
struct DescriptionLine {
    std::string label;
    std::string value;
};

/// What `m2ds ckpt info` prints and the workbench's Model dock shows: format, contents, geometry and its source,
/// encoder / predictor / offline head, parts, parameter counts, norm stats.
std::vector<DescriptionLine> describeModel(const ImportedCheckpoint& checkpoint, const M2dsModel& model);

}  // namespace m2ds
