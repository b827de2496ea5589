#include "features/FeatureDump.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "common/Sha256.h"
#include "features/FeatureDumpWriter.h"
#include "features/FileFingerprint.h"
#include "features/FrameFeatureExtractor.h"

namespace m2ds {
namespace fs = std::filesystem;
namespace {

/// Names the dump by its inputs: the extractor and each file's absolute path, size and modification time.
std::string cacheKey(const std::vector<std::string>& files, const FrameFeatureExtractor& extractor) {
    std::string text = extractor.identity();
    for (const std::string& file : files) text += "\n" + fileFingerprint(file);
    return sha256(text).substr(0, 24);
}

nlohmann::json describe(const FeatureDump& dump) {
    return {{"format", "fairseq feature dump: features.npy [N, D] float32 + features.len"},
            {"extractor", nlohmann::json::parse(dump.identity)}, {"dimension", dump.dimension},
            {"frames_per_second", dump.framesPerSecond}, {"files", dump.files}, {"frames", dump.frames},
            {"skipped", dump.skipped}, {"m2ds_version", M2DS_VERSION}};
}

FeatureDump compute(const std::string& folder, const std::vector<std::string>& files, const FrameFeatureExtractor& extractor,
                    const ProgressMonitor& progress) {
    FeatureDump dump{folder, {}, {}, {}, extractor.dimension(), extractor.framesPerSecond(), extractor.identity()};
    FeatureDumpWriter writer(dump.npyPath(), dump.dimension);
    FileFeaturesSink sink;
    sink.features = [&](std::size_t i, FloatArray&& features) {
        writer.append(features);
        dump.files.push_back(files[i]);
        dump.frames.push_back(features.shape[0]);
    };
    sink.unusable = [&](std::size_t, const InputError& error) { dump.skipped.push_back(error.what()); };
    extractor.extractEach(files, sink, progress);
    if (dump.files.empty())
        throw InputError(files.empty() ? folder : files.front(), "none of the " + std::to_string(files.size()) + " files gave features" +
                                                                      (dump.skipped.empty() ? "" : " (first: " + dump.skipped.front() + ")"));
    writer.finish();
    AtomicFileWriter::writeFile(folder + "/dump.json", describe(dump).dump(1) + "\n");
    return dump;
}

}  // namespace

std::string FeatureDump::npyPath() const { return folder + "/features.npy"; }

NpyShardFeatureSource FeatureDump::source() const { return NpyShardFeatureSource({npyPath()}); }

FeatureDump FeatureDump::read(const std::string& folder) {
    const std::string path = folder + "/dump.json";
    std::ifstream in(path);
    if (!in) throw InputError(path, "no feature dump here");
    try {
        const nlohmann::json json = nlohmann::json::parse(in);
        return FeatureDump{folder, json.at("files").get<std::vector<std::string>>(), json.at("frames").get<std::vector<std::size_t>>(),
                           json.at("skipped").get<std::vector<std::string>>(), json.at("dimension").get<std::size_t>(),
                           json.at("frames_per_second").get<double>(), json.at("extractor").dump()};
    } catch (const nlohmann::json::exception& error) {
        throw InputError(path, std::string("not a feature dump description (") + error.what() + ")");
    }
}

FeatureDump FeatureDump::ensure(const std::string& cacheRoot, const std::vector<std::string>& files, const FrameFeatureExtractor& extractor,
                                const ProgressMonitor& progress) {
    const std::string folder = (fs::absolute(cacheRoot) / cacheKey(files, extractor)).lexically_normal().string();
    if (fs::exists(folder + "/dump.json")) return read(folder);
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) throw OutputError(folder, "cannot create the feature cache folder: " + error.message());
    return compute(folder, files, extractor, progress);
}

}  // namespace m2ds
