#include "cli/ClusterAssignCommand.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/ExitCode.h"
#include "cluster/ClusterAssigner.h"
#include "cluster/ClusterCollective.h"
#include "cluster/ClusterQuality.h"
#include "cluster/ClusterSegments.h"
#include "cluster/FairseqLabels.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/NpyFile.h"
#include "common/TextUtilities.h"
#include "labels/TextGrid.h"

namespace m2ds::cli {
namespace fs = std::filesystem;
namespace {

FloatArray readCodebook(const std::string& path) {
    FloatArray codebook = NpyFile::readFloat32(path);
    if (codebook.shape.size() != 2 || codebook.shape[0] == 0 || codebook.shape[1] == 0)
        throw InputError(path, "centroids must be a [K, D] array with K, D >= 1");
    return codebook;
}

std::string withoutSuffix(const std::string& path, const std::string& suffix) {
    return endsWith(path, suffix) ? path.substr(0, path.size() - suffix.size()) : path;
}

/// Recording stems made unique within one output folder (two "001.wav" from different folders: 001, 001-2).
std::vector<std::string> segmentNames(const std::vector<std::string>& files) {
    std::vector<std::string> names;
    std::map<std::string, int> seen;
    for (const std::string& file : files) {
        const std::string stem = fs::path(file).stem().string();
        const int count = ++seen[stem];
        names.push_back(count == 1 ? stem : stem + "-" + std::to_string(count));
    }
    return names;
}

/// OUT, or fairseq's shard name OUT_RANK_WORLD for one process of a job.
std::string shardName(const std::string& base, const ClusterCollective* job) {
    return job ? base + "_" + std::to_string(job->rank()) + "_" + std::to_string(job->worldSize()) : base;
}

/// Frames per cluster over the whole job (this process's own without one).
std::vector<std::int64_t> jobCounts(const std::vector<std::int64_t>& local, ClusterCollective* job) {
    if (!job) return local;
    std::vector<double> totals(local.begin(), local.end());
    job->sumInPlace(totals);
    return std::vector<std::int64_t>(totals.begin(), totals.end());
}

}  // namespace

CLI::App* ClusterAssignCommand::addTo(CLI::App& cluster) {
    CLI::App* assign = cluster.add_subcommand("assign", "Label every frame with its nearest centroid (fairseq .km, segments, TextGrid)");
    features.addTo(*assign);
    assign->add_option("--centroids", centroids, "Codebook [K, D] .npy (ours, or a fairseq/sklearn/faiss one saved with numpy)")->required();
    assign->add_option("-o,--output", output, "OUT: writes OUT.km, dict.km.txt, OUT.km.json, OUT.segments/ (or OUT.npy for --features)")->required();
    return assign;
}

void ClusterAssignCommand::writeRecordingLabels(const ClusterFeatures& input, const Assignments& assignments, std::size_t k,
                                                ClusterCollective* job) const {
    const std::string base = shardName(withoutSuffix(output, ".km"), job);
    const fs::path folder = fs::path(output).parent_path().empty() ? fs::path(".") : fs::path(output).parent_path();
    std::error_code error;
    fs::create_directories(base + ".segments", error);
    if (error) throw OutputError(base + ".segments", "cannot create the folder: " + error.message());
    std::vector<std::vector<std::int32_t>> utterances;
    const std::vector<std::string> names = segmentNames(input.files);
    for (std::size_t u = 0; u < input.utterances.size(); ++u) {
        const RowRange range = input.utterances[u];
        utterances.emplace_back(assignments.labels.begin() + range.first, assignments.labels.begin() + range.first + range.count);
        const auto segments = ClusterSegments::fromFrames(utterances.back(), input.framesPerSecond);
        const std::string stem = base + ".segments/" + names[u];
        ClusterSegments::writeCsv(stem + ".csv", segments);
        TextGrid::writeIntervalTier(stem + ".TextGrid", "clusters", segments, 0.0, double(range.count) / input.framesPerSecond);
    }
    FairseqLabels::writeKm(base + ".km", utterances);
    const std::vector<std::int64_t> counts = jobCounts(ClusterQuality::clusterSizes(assignments.labels, k), job);
    if (!job || job->rank() == 0) FairseqLabels::writeDictionary((folder / "dict.km.txt").string(), counts);
    const nlohmann::json sidecar = {{"centroids", centroids}, {"k", k}, {"features", nlohmann::json::parse(input.identity)},
                                    {"frames_per_second", input.framesPerSecond}, {"files", input.files}, {"frames", input.frames},
                                    {"segment_names", names}, {"skipped", input.skipped},
                                    {"inertia", ClusterQuality::inertia(assignments.distances)}, {"m2ds_version", M2DS_VERSION}};
    AtomicFileWriter::writeFile(base + ".km.json", sidecar.dump(2) + "\n");
}

int ClusterAssignCommand::run(const CommandContext& context) const {
    if (const std::string problem = features.usageProblem(); !problem.empty()) {
        context.err << "m2ds cluster assign: " << problem << '\n';
        return kUsageError;
    }
    const FloatArray codebook = readCodebook(centroids);
    const std::unique_ptr<ClusterCollective> job = ClusterCollective::fromEnvironment();  // launched by torchrun
    if (job && job->rank() != 0) job->waitForRankZero("cluster-features");  // rank 0 fills the feature cache first
    ClusterFeatures all = features.resolve(context);
    if (job && job->rank() == 0) job->waitForRankZero("cluster-features");
    const ClusterFeatures input = ClusterFeatures::shareOf(std::move(all), job ? job->rank() : 0, job ? job->worldSize() : 1);
    for (const std::string& line : input.skipped) context.err << "m2ds cluster assign: skipped " << line << '\n';
    const ClusterAssigner assigner(codebook, features.device);
    const Assignments assignments = assigner.assign(*input.source, context.progress("assign"));
    const std::size_t k = assigner.clusterCount();
    if (input.files.empty()) {
        const std::string path = shardName(withoutSuffix(output, ".npy"), job.get()) + ".npy";
        NpyFile::writeInt64(path, std::vector<std::int64_t>(assignments.labels.begin(), assignments.labels.end()));
        context.out << "assigned " << assignments.labels.size() << " rows to " << k << " clusters: wrote " << path << '\n';
        return kSuccess;
    }
    writeRecordingLabels(input, assignments, k, job.get());
    const std::string written = shardName(withoutSuffix(output, ".km"), job.get());
    context.out << "assigned " << assignments.labels.size() << " frames of " << input.files.size() << " recordings to " << k
                << " clusters, inertia per frame " << ClusterQuality::inertia(assignments.distances) / double(assignments.labels.size())
                << "\nwrote " << written << ".km (+ .km.json, dict.km.txt, .segments/)\n";
    return kSuccess;
}

}  // namespace m2ds::cli
