#pragma once
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace m2ds {

/// fairseq's HuBERT label files: NAME.km with one line of space-separated cluster ids per utterance (in the manifest's
/// order), and dict.km.txt with one `id count` line per cluster, which fairseq's Dictionary and torchaudio's HuBERT
/// recipe read.
class FairseqLabels {
public:
    /// Writes the .km lines atomically; throws OutputError.
    static void writeKm(const std::string& path, const std::vector<std::vector<std::int32_t>>& utterances);
    /// Writes dict.km.txt for k clusters with these frame counts [k] atomically; throws OutputError.
    static void writeDictionary(const std::string& path, const std::vector<std::int64_t>& counts);
    /// Reads a .km file: one id list per line; throws InputError naming the file and line for a non-number.
    static std::vector<std::vector<std::int32_t>> readKm(const std::string& path);
    /// readKm() for .km text read from `in` (a file's bytes in memory); `path` names it in errors.
    static std::vector<std::vector<std::int32_t>> readKm(std::istream& in, const std::string& path);
};

}  // namespace m2ds
