#pragma once
#include <string>
#include <vector>

#include "analysis/ClipPooling.h"
#include "common/UserCacheFolder.h"
#include "features/ClipEmbeddings.h"

namespace m2ds {

class LayerEmbeddingExtractor;
class ProgressMonitor;

/// Pooled clip embeddings of recordings, kept on disk so that a second probe over the same recordings, model and
/// layers reads them instead of running the model: one small .npy [L, P] float32 per (extractor identity — with the
/// checkpoint's SHA-256 and the layers —, pooling, recording path + size + modification time), written atomically.
/// A recording that changes gets a new entry; entries are never invalid, only unused.
class ClipEmbeddingCache {
public:
    /// root: the cache folder, created on the first write.
    explicit ClipEmbeddingCache(std::string root = userCacheFolder("embeddings"));

    const std::string& root() const { return root_; }
    /// The entry of `file` (whether or not it exists yet): root/<key>.npy.
    std::string entryPath(const std::string& file, const LayerEmbeddingExtractor& extractor, ClipPoolingKind pooling) const;
    /// How many of `files` are cached, how many are to compute and their audio length, the result's size: cheap
    /// (cache look-ups and audio headers), for the caller to show before ensure().
    ClipEmbeddingEstimate estimate(const std::vector<std::string>& files, const LayerEmbeddingExtractor& extractor, ClipPoolingKind pooling) const;
    /// The clip embeddings of `files`: cached entries read back, the others computed (all layers in one pass per file,
    /// progress over the files computed) and stored. Unusable files are listed in `skipped` and left out; throws
    /// InputError when none is usable, OutputError when the cache cannot be written, CancelledError through `progress`.
    ClipEmbeddings ensure(const std::vector<std::string>& files, const LayerEmbeddingExtractor& extractor, ClipPoolingKind pooling,
                          const ProgressMonitor& progress) const;

private:
    std::string root_;
};

}  // namespace m2ds
