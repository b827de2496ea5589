#pragma once
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "labels/LabelledSegment.h"

namespace m2ds {

/// Reference labels of recordings, keyed by the recording's file stem (name without folder and extension), as
/// users bring them: a folder of Praat TextGrids (Montreal Forced Aligner output: STEM.TextGrid), or a CSV with
/// `file,start,end,label` rows (segments) or `file,label` rows (one label for the whole recording).
class SegmentLabels {
public:
    /// STEM.TextGrid files of `folder` (not recursive), tier `tier` of each (the first interval tier when empty).
    /// Empty intervals (silence in MFA output is "") carry no label. Throws InputError naming the file.
    static SegmentLabels fromTextGridFolder(const std::string& folder, const std::string& tier);
    /// A CSV with a header naming `file` and `label` (and `start`, `end` in seconds for segments); clip-level rows
    /// span the whole recording. Throws InputError naming the file and line.
    static SegmentLabels fromCsv(const std::string& path);
    /// fromCsv() for CSV text read from `in` (a file's bytes in memory); `path` names it in errors and in origin().
    static SegmentLabels fromCsv(std::istream& in, const std::string& path);

    /// The segments of the recording at `path` (matched by stem); nullptr when it has none.
    const std::vector<LabelledSegment>* find(const std::string& path) const;
    /// Recordings with labels.
    std::size_t recordingCount() const { return byStem_.size(); }
    /// True when every recording has one label for its whole length (a clip-level CSV).
    bool clipLevel() const { return clipLevel_; }
    /// Where the labels came from, for messages.
    const std::string& origin() const { return origin_; }

private:
    std::map<std::string, std::vector<LabelledSegment>> byStem_;
    bool clipLevel_ = false;
    std::string origin_;
};

}  // namespace m2ds
