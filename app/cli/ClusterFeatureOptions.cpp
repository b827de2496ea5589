#include "cli/ClusterFeatureOptions.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/ModelLoading.h"
#include "common/Errors.h"
#include "common/TextUtilities.h"
#include "common/UserCacheFolder.h"
#include "data/DataSourceList.h"
#include "features/FeatureDump.h"
#include "features/HubertLayerFeatures.h"
#include "features/InMemoryFeatureSource.h"
#include "features/MfccFeatures.h"
#include "features/ModelLayerFeatures.h"
#include "features/NpyShardFeatureSource.h"
#include "features/PreparedTeacherFeatures.h"
#include "features/RowSubsetSource.h"
#include "model/M2dsModel.h"
#include "model/hubert/HubertModel.h"

namespace m2ds::cli {
namespace {

/// Features up to this size are read into memory once: mini-batch k-means draws random rows every step.
constexpr std::size_t kInMemoryBytes = std::size_t(2) << 30;

std::unique_ptr<FeatureSource> inMemoryWhenSmall(std::unique_ptr<FeatureSource> source) {
    if (source->rowCount() * source->dimension() * sizeof(float) > kInMemoryBytes) return source;
    return std::make_unique<InMemoryFeatureSource>(InMemoryFeatureSource::copyOf(*source));
}

/// The extractor of the chosen features, with the encoder it reads (kept alive as long as the extractor).
struct FeatureExtraction {
    LoadedEncoder encoder;
    std::unique_ptr<FrameFeatureExtractor> extractor;
};

/// `layer` of an M2D / M2D-S checkpoint (as `m2ds extract` computes it) or hidden_states[layer] of a HuBERT /
/// wav2vec 2.0 folder (whole recordings, plain HF pipeline).
FeatureExtraction encoderExtraction(const std::string& path, int layer, const std::string& device, int threads) {
    FeatureExtraction extraction;
    extraction.encoder = LoadedEncoder::open(path, device, threads);
    const LoadedEncoder& encoder = extraction.encoder;
    if (encoder.hubert) extraction.extractor = std::make_unique<HubertLayerFeatures>(*encoder.hubert, layer, encoder.weightsPath);
    else extraction.extractor = std::make_unique<ModelLayerFeatures>(*encoder.network, layer, path, threads);
    return extraction;
}

}  // namespace

void ClusterFeatureOptions::addTo(CLI::App& command) {
    command.add_option("SOURCE", sources, "Recordings: folders, M2D .csv or fairseq .tsv (with --model or --mfcc)");
    command.add_option("--model", model, "M2D / M2D-S checkpoint, or a Hugging Face HuBERT / wav2vec 2.0 folder, whose --layer gives the features");
    command.add_option("--layer", layer, "Layer of --model: 0 = patch embedding .. depth = last (HuBERT: hidden_states index)")
        ->check(CLI::NonNegativeNumber);
    command.add_flag("--mfcc", mfcc, "fairseq dump_mfcc features: 13 MFCCs + deltas + delta-deltas at 100 Hz");
    command.add_option("--prepared", prepared, "A prepared corpus (m2ds prepare): its teacher features arr_1");
    command.add_option("--features", features, "A float32 [N, D] .npy of feature rows");
    command.add_option("--cache", cache, "Feature cache folder (default $XDG_CACHE_HOME/m2ds/features)");
    command.add_option("--device", device, "cpu, cuda or cuda:N (model features, distances)")->capture_default_str();
}

std::string ClusterFeatureOptions::usageProblem() const {
    const int kinds = int(!model.empty()) + int(mfcc) + int(!prepared.empty()) + int(!features.empty());
    if (kinds != 1) return "choose one of --model CKPT --layer L, --mfcc, --prepared DIR or --features X.npy";
    if (!model.empty() && layer < 0) return "--model needs --layer L";
    if ((!model.empty() || mfcc) && sources.empty()) return "name the recordings (SOURCE…) to take features of";
    if ((!prepared.empty() || !features.empty()) && !sources.empty()) return "SOURCE… goes with --model or --mfcc only";
    return "";
}

std::string ClusterFeatureOptions::cacheRoot() const {
    if (!cache.empty()) return cache;
    return userCacheFolder("features");
}

std::vector<std::string> ClusterFeatureOptions::inputFiles() const {
    std::vector<std::string> files;
    for (const std::string& source : prepared.empty() ? sources : std::vector<std::string>{prepared})
        for (std::string& file : DataSourceList::resolve(source))
            if (prepared.empty() ? DataSourceList::isAudioPath(file) : endsWith(file, ".npz")) files.push_back(std::move(file));
    if (files.empty())
        throw InputError(prepared.empty() ? sources.front() : prepared, prepared.empty() ? "holds no recordings" : "holds no prepared .npz files");
    return files;
}

ClusterFeatures ClusterFeatureOptions::fromDump(const CommandContext& context) const {
    const std::vector<std::string> files = inputFiles();
    FeatureExtraction extraction;
    if (!model.empty()) extraction = encoderExtraction(model, layer, device, context.threads);
    else if (mfcc) extraction.extractor = std::make_unique<MfccFeatures>(context.threads);
    else extraction.extractor = std::make_unique<PreparedTeacherFeatures>(files.front());
    const FrameFeatureExtractor& extractor = *extraction.extractor;
    FeatureDump dump = FeatureDump::ensure(cacheRoot(), files, extractor, context.progress("features"));
    ClusterFeatures result;
    auto source = std::make_unique<NpyShardFeatureSource>(dump.source());
    result.utterances = source->utterances().front();
    result.source = inMemoryWhenSmall(std::move(source));
    result.files = std::move(dump.files);
    result.frames = std::move(dump.frames);
    result.skipped = std::move(dump.skipped);
    result.framesPerSecond = dump.framesPerSecond;
    result.identity = nlohmann::json{{"extractor", nlohmann::json::parse(dump.identity)}, {"feature_dump", dump.folder}}.dump();
    return result;
}

ClusterFeatures ClusterFeatureOptions::resolve(const CommandContext& context) const {
    if (features.empty()) return fromDump(context);
    ClusterFeatures result;
    auto source = std::make_unique<NpyShardFeatureSource>(std::vector<std::string>{features}, false);
    result.utterances = {{0, source->rowCount()}};
    result.frames = {source->rowCount()};
    result.source = inMemoryWhenSmall(std::move(source));
    result.identity = nlohmann::json{{"extractor", {{"kind", "npy"}, {"path", features}}}}.dump();
    return result;
}

}  // namespace m2ds::cli

namespace m2ds::cli {

ClusterFeatures ClusterFeatures::shareOf(ClusterFeatures all, int rank, int world) {
    if (world <= 1) return all;
    ClusterFeatures share;
    const bool byRows = all.files.empty();
    const std::size_t units = byRows ? all.source->rowCount() : all.utterances.size();
    const std::size_t first = units * std::size_t(rank) / std::size_t(world), end = units * std::size_t(rank + 1) / std::size_t(world);
    std::vector<RowRange> rows;
    if (byRows) {
        rows = {{first, end - first}};
        share.utterances = {{0, end - first}};
        share.frames = {end - first};
    } else {
        std::size_t offset = 0;
        for (std::size_t u = first; u < end; ++u) {
            rows.push_back(all.utterances[u]);
            share.utterances.push_back({offset, all.utterances[u].count});
            share.files.push_back(all.files[u]);
            share.frames.push_back(all.frames[u]);
            offset += all.utterances[u].count;
        }
    }
    share.whole = std::move(all.source);
    share.source = std::make_unique<RowSubsetSource>(*share.whole, rows);
    share.skipped = std::move(all.skipped);
    share.framesPerSecond = all.framesPerSecond;
    share.identity = std::move(all.identity);
    return share;
}

}  // namespace m2ds::cli
