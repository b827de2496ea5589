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

/// Runs the extractor over `path` and pools each layer: [L, P] row-major. Throws InputError when no frame came out.
std::vector<float> poolRecording(const std::string& path, const LayerEmbeddingExtractor& extractor, ClipPoolingKind pooling,
                                 const ProgressMonitor& progress) {
    const std::size_t layerCount = extractor.layers().size(), dim = extractor.dimension();
    std::vector<ClipPooling> pools(layerCount, ClipPooling(pooling, dim));
    extractor.extract(path, [&](const std::vector<FloatArray>& layers) {
        if (layers.size() != layerCount) throw InvalidArgument("the extractor delivered " + std::to_string(layers.size()) + " layers instead of " + std::to_string(layerCount));
        for (std::size_t l = 0; l < layerCount; ++l) {
            if (layers[l].shape.size() != 2 || layers[l].shape[1] != dim) throw InvalidArgument("the extractor delivered frames of another width than " + std::to_string(dim));
            pools[l].add(layers[l].values.data(), layers[l].shape[0]);
        }
    }, &progress);
    if (pools.front().frames() == 0) throw InputError(path, "too short: it gives no embedding frame");
    std::vector<float> values;
    for (const ClipPooling& pool : pools) {
        const std::vector<float> pooled = pool.result();
        values.insert(values.end(), pooled.begin(), pooled.end());
    }
    return values;
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
    std::vector<std::string> entries;
    std::size_t toCompute = 0;
    for (const std::string& file : files) {
        std::error_code error;
        entries.push_back(entryPath(file, extractor, pooling));
        toCompute += !fs::exists(entries.back(), error);
    }
    std::size_t computing = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        progress.throwIfCancelled();
        if (!isReadableFile(files[i])) {
            result.skipped.push_back(files[i] + ": no such file");
            continue;
        }
        std::optional<std::vector<float>> values = readEntry(entries[i], layerCount, dim);
        if (!values) try {
            const double share = 1.0 / double(std::max<std::size_t>(toCompute, 1));
            values = poolRecording(files[i], extractor, pooling, progress.slice(std::min(1.0, computing * share), std::min(1.0, (computing + 1) * share)));
            ++computing;
            createFolder(root_);
            NpyFile::writeFloat32(entries[i], {layerCount, dim}, values->data());
            ++result.computed;
        } catch (const InputError& error) {
            result.skipped.push_back(error.what());
            continue;
        }
        result.files.push_back(files[i]);
        result.kept.push_back(i);
        appendRow(result.layers, *values);
    }
    if (result.files.empty())
        throw InputError(files.empty() ? root_ : files.front(), "none of the " + std::to_string(files.size()) + " files gave clip embeddings" +
                                                                    (result.skipped.empty() ? "" : " (first: " + result.skipped.front() + ")"));
    progress.report(1.0);
    return result;
}

}  // namespace m2ds
