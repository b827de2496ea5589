#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "features/NpyShardFeatureSource.h"

namespace m2ds {

class FrameFeatureExtractor;
class ProgressMonitor;

/// One extractor's features over a list of files, dumped in fairseq's layout (features.npy [N, D] + features.len) in
/// a cache folder named by what it holds (the extractor's identity and each file's path, size and time), with a
/// dump.json describing it. Learning and assigning over the same files reuse it instead of recomputing.
struct FeatureDump {
    std::string folder;
    std::vector<std::string> files;    ///< the files it holds, in order (unusable ones are left out)
    std::vector<std::size_t> frames;   ///< frames of each file
    std::vector<std::string> skipped;  ///< "FILE: reason" for each unusable file
    std::size_t dimension = 0;
    double framesPerSecond = 0.0;
    std::string identity;              ///< the extractor's identity (JSON)

    /// folder/features.npy
    std::string npyPath() const;
    /// The features as a streaming source (rows read from disk on demand).
    NpyShardFeatureSource source() const;

    /// The dump of `files` by `extractor` under cacheRoot: read back when a complete one is there, else computed file by
    /// file and written atomically (dump.json last). Unusable files are skipped and listed; throws InputError when no
    /// file is usable, OutputError, CancelledError.
    static FeatureDump ensure(const std::string& cacheRoot, const std::vector<std::string>& files, const FrameFeatureExtractor& extractor,
                              const ProgressMonitor& progress);
    /// Reads folder/dump.json; throws InputError naming it when it is missing or malformed.
    static FeatureDump read(const std::string& folder);
};

}  // namespace m2ds
