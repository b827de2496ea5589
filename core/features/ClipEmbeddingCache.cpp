#include "features/ClipEmbeddingCache.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "audio/AudioFile.h"
#include "common/Errors.h"
#include "common/NpyFile.h"
#include "common/ProgressMonitor.h"
#include "common/Sha256.h"
#include "features/FileFingerprint.h"
#include "features/LayerEmbeddingExtractor.h"
#include "features/RecordingClipPools.h"

namespace m2ds {
namespace fs = std::filesystem;
namespace {

/// Values P of one layer's pooled vector.
std::size_t pooledDim(const LayerEmbeddingExtractor& extractor, ClipPoolingKind pooling) {
    return ClipPooling(pooling, extractor.dimension()).outputDim();
}

/// The cached [L, P] values of an entry, or nothing when it is absent, unreadable or of another shape.
std::optional<std::vector<float>> readEntry(const std::string& entry, std::size_t layers, std::size_t dim) {
    std::error_code error;
    if (!fs::exists(entry, error)) return std::nullopt;
    try {
        FloatArray array = NpyFile::readFloat32(entry);
        if (array.shape == std::vector<std::size_t>{layers, dim}) return std::move(array.values);
    } catch (const InputError&) {
    }
    return std::nullopt;
}

/// Appends one file's [L, P] values as a row of each layer's matrix.
void appendRow(std::vector<RowMatrix>& layers, const std::vector<float>& values) {
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const auto first = values.begin() + std::ptrdiff_t(l * layers[l].cols);
        layers[l].values.insert(layers[l].values.end(), first, first + std::ptrdiff_t(layers[l].cols));
        ++layers[l].rows;
    }
}

void createFolder(const std::string& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) throw OutputError(folder, "cannot create the embedding cache folder: " + error.message());
}

bool isReadableFile(const std::string& path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

}  // namespace

ClipEmbeddingCache::ClipEmbeddingCache(std::string root) : root_(fs::absolute(root).lexically_normal().string()) {}

std::string ClipEmbeddingCache::entryPath(const std::string& file, const LayerEmbeddingExtractor& extractor, ClipPoolingKind pooling) const {
    const std::string key = sha256(extractor.identity() + "\n" + clipPoolingName(pooling) + "\n" + fileFingerprint(file)).substr(0, 32);
    return root_ + "/" + key + ".npy";
}

ClipEmbeddingEstimate ClipEmbeddingCache::estimate(const std::vector<std::string>& files, const LayerEmbeddingExtractor& extractor,
                                                   ClipPoolingKind pooling) const {
    ClipEmbeddingEstimate estimate;
    const std::size_t layers = extractor.layers().size(), dim = pooledDim(extractor, pooling);
    for (const std::string& file : files) {
        std::error_code error;
        if (!isReadableFile(file)) ++estimate.unreadable;
        else if (fs::exists(entryPath(file, extractor, pooling), error)) ++estimate.cached;
        else try {
            estimate.missingSeconds += AudioFile(file).info().durationSeconds();
            ++estimate.missing;
        } catch (const InputError&) {
            ++estimate.unreadable;
        }
    }
    estimate.resultBytes = (estimate.cached + estimate.missing) * layers * dim * sizeof(float);
    return estimate;
}

ClipEmbeddings ClipEmbeddingCache::ensure(const std::vector<std::string>& files, const LayerEmbeddingExtractor& extractor, ClipPoolingKind pooling,
                                          const ProgressMonitor& progress) const {
    const std::size_t layerCount = extractor.layers().size(), dim = pooledDim(extractor, pooling);
    ClipEmbeddings result;
    result.layerIds = extractor.layers();
    result.identity = extractor.identity();
    result.pooling = clipPoolingName(pooling);
    result.layers.assign(layerCount, RowMatrix{0, dim, {}});
    std::vector<std::string> entries, skipped(files.size());
    std::vector<std::optional<std::vector<float>>> values(files.size());
    std::vector<std::size_t> missing;  // the readable files without a cache entry
    for (std::size_t i = 0; i < files.size(); ++i) {
        progress.throwIfCancelled();
        entries.push_back(entryPath(files[i], extractor, pooling));
        if (!isReadableFile(files[i])) skipped[i] = files[i] + ": no such file";
        else if (!(values[i] = readEntry(entries[i], layerCount, dim))) missing.push_back(i);
    }
    std::vector<std::string> paths;
    for (const std::size_t i : missing) paths.push_back(files[i]);
    RecordingClipPools pools(layerCount, extractor.dimension(), pooling);
    RecordingFramesSink sink;
    sink.frames = [&](std::size_t, const std::vector<FloatArray>& layers) { pools.add(layers); };
    sink.done = [&](std::size_t k) {
        const std::size_t i = missing[k];
        std::vector<float> pooled = pools.take();
        if (pooled.empty()) {
            skipped[i] = InputError(files[i], "too short: it gives no embedding frame").what();
            return;
        }
        createFolder(root_);
        NpyFile::writeFloat32(entries[i], {layerCount, dim}, pooled.data());
        values[i] = std::move(pooled);
        ++result.computed;
    };
    sink.unusable = [&](std::size_t k, const InputError& error) {
        pools.restart();
        skipped[missing[k]] = error.what();
    };
    extractor.extractEach(paths, sink, &progress);
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!values[i]) {
            result.skipped.push_back(skipped[i]);
            continue;
        }
        result.files.push_back(files[i]);
        result.kept.push_back(i);
        appendRow(result.layers, *values[i]);
    }
    if (result.files.empty())
        throw InputError(files.empty() ? root_ : files.front(), "none of the " + std::to_string(files.size()) + " files gave clip embeddings" +
                                                                    (result.skipped.empty() ? "" : " (first: " + result.skipped.front() + ")"));
    progress.report(1.0);
    return result;
}

}  // namespace m2ds
