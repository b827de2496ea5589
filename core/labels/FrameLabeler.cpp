#include "labels/FrameLabeler.h"

#include <algorithm>

namespace m2ds {

std::vector<std::int32_t> FrameLabeler::label(const std::vector<LabelledSegment>& segments, std::size_t frames, double framesPerSecond) {
    std::vector<const LabelledSegment*> sorted;
    for (const LabelledSegment& segment : segments) sorted.push_back(&segment);
    std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->start < b->start; });
    std::vector<std::int32_t> ids(frames, kUnlabelled);
    std::size_t next = 0;
    for (std::size_t t = 0; t < frames; ++t) {
        const double centre = (double(t) + 0.5) / framesPerSecond;
        while (next < sorted.size() && sorted[next]->end <= centre) ++next;
        if (next < sorted.size() && sorted[next]->start <= centre) ids[t] = idOf(sorted[next]->label);
    }
    return ids;
}

std::int32_t FrameLabeler::idOf(const std::string& name) {
    const auto [it, added] = ids_.emplace(name, std::int32_t(names_.size()));
    if (added) names_.push_back(name);
    return it->second;
}

}  // namespace m2ds
