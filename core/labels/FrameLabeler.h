#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "labels/LabelledSegment.h"

namespace m2ds {

/// Turns labelled segments into frame labels: frame t at `framesPerSecond` takes the label of the segment that holds
/// its centre (t + 0.5) / framesPerSecond, as HuBERT's cluster-quality measures align frames with phones. Label names
/// get ids in the order they are first seen, shared across recordings.
class FrameLabeler {
public:
    static constexpr std::int32_t kUnlabelled = -1;

    /// Ids [frames] for one recording's segments (any order, non-overlapping); kUnlabelled where none holds the centre.
    std::vector<std::int32_t> label(const std::vector<LabelledSegment>& segments, std::size_t frames, double framesPerSecond);
    /// Label names by id.
    const std::vector<std::string>& names() const { return names_; }

private:
    std::int32_t idOf(const std::string& name);

    std::map<std::string, std::int32_t> ids_;
    std::vector<std::string> names_;
};

}  // namespace m2ds
