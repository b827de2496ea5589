#pragma once
#include <string>
#include <vector>

#include "labels/LabelledSegment.h"

namespace m2ds {

/// Praat TextGrid files: the interval tiers Montreal Forced Aligner writes (phones, words), read in Praat's long
/// ("text") or short format, UTF-8 or UTF-16; and interval tiers written in the long format.
class TextGrid {
public:
    struct Tier {
        std::string name;
        bool intervals = true;                  ///< IntervalTier; false for a TextTier (points: start == end)
        std::vector<LabelledSegment> items;     ///< in file order, times in seconds
    };

    /// Every tier of `path`. Throws InputError naming the file and what is wrong (not a TextGrid, truncated, a
    /// number that is not one, an interval that ends before it starts).
    static std::vector<Tier> read(const std::string& path);
    /// read() for a file held in memory (its whole bytes); `label` stands for the file in errors.
    static std::vector<Tier> decode(const std::string& label, const std::string& bytes);
    /// The interval tier called `name` of `path`, or its first interval tier when `name` is empty; throws InputError
    /// listing the tiers when there is no such tier.
    static Tier readIntervalTier(const std::string& path, const std::string& name);
    /// Writes one interval tier spanning [xmin, xmax] s (long text format, UTF-8) atomically; throws OutputError.
    static void writeIntervalTier(const std::string& path, const std::string& tierName, const std::vector<LabelledSegment>& segments,
                                  double xmin, double xmax);
};

}  // namespace m2ds
