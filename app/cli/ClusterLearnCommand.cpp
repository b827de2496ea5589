#include "cli/ClusterLearnCommand.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/ExitCode.h"
#include "cluster/ClusterCollective.h"
#include "cluster/LloydKMeans.h"
#include "cluster/MiniBatchKMeans.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/NpyFile.h"
#include "features/RowSubsetSource.h"
#include "features/UtteranceSampling.h"

namespace m2ds::cli {
namespace {

nlohmann::json describe(const ClusterLearnCommand& command, const ClusterFeatures& features, const FeatureSource& learnt,
                        const KMeansResult& result, int processes) {
    const KMeansSettings& s = command.settings;
    return {{"features", nlohmann::json::parse(features.identity)},
            {"utterances", features.files.empty() ? features.frames.size() : features.files.size()},
            {"frames", features.source->rowCount()},
            {"frames_learnt", learnt.rowCount()},
            {"frames_per_second", features.framesPerSecond},
            {"skipped", features.skipped},
            {"k", s.k},
            {"dimension", learnt.dimension()},
            {"algorithm", command.algorithm},
            {"processes", processes},
            {"settings", {{"seed", s.seed}, {"percent", command.percent}, {"max_iter", s.maxIter}, {"batch_size", s.batchSize},
                          {"n_init", s.nInit}, {"max_no_improvement", s.maxNoImprovement}, {"reassignment_ratio", s.reassignmentRatio},
                          {"tol", s.tol}, {"init", "k-means++"}, {"device", s.device}}},
            {"iterations", result.iterations},
            {"steps", result.steps},
            {"converged", result.converged},
            {"inertia", result.inertia},
            {"cluster_sizes", result.clusterSizes},
            {"m2ds_version", M2DS_VERSION}};
}

}  // namespace

CLI::App* ClusterLearnCommand::addTo(CLI::App& cluster) {
    CLI::App* learn = cluster.add_subcommand("learn", "Learn a k-means codebook of frame features (fairseq learn_kmeans.py)");
    features.addTo(*learn);
    learn->add_option("-k,--n_clusters", settings.k, "Clusters K")->required()->check(CLI::PositiveNumber);
    learn->add_option("--algorithm", algorithm, "minibatch (sklearn MiniBatchKMeans, fairseq's) or lloyd (full batch)")
        ->check(CLI::IsMember({"minibatch", "lloyd"}))->capture_default_str();
    learn->add_option("--percent", percent, "Learn on this fraction of the utterances (fairseq --percent; < 0: all)")->capture_default_str();
    learn->add_option("--batch_size", settings.batchSize, "Mini-batch rows")->check(CLI::PositiveNumber)->capture_default_str();
    learn->add_option("--max_iter", settings.maxIter, "Passes over the data (mini-batch) or iterations (lloyd)")->check(CLI::PositiveNumber)->capture_default_str();
    learn->add_option("--n_init", settings.nInit, "k-means++ initialisations; the best is kept")->check(CLI::PositiveNumber)->capture_default_str();
    learn->add_option("--max_no_improvement", settings.maxNoImprovement, "Mini-batch early stop (steps); < 0 never")->capture_default_str();
    learn->add_option("--reassignment_ratio", settings.reassignmentRatio, "Re-seed centres smaller than this share of the largest")
        ->check(CLI::NonNegativeNumber)->capture_default_str();
    learn->add_option("--tol", settings.tol, "Stop when the centres move less (relative to the feature variance)")->check(CLI::NonNegativeNumber)->capture_default_str();
    learn->add_option("--seed", settings.seed, "Seed of every random draw")->capture_default_str();
    learn->add_option("-o,--output", output, "Output folder: centroids.npy + kmeans.json")->required();
    return learn;
}

int ClusterLearnCommand::run(const CommandContext& context) const {
    if (const std::string problem = features.usageProblem(); !problem.empty()) {
        context.err << "m2ds cluster learn: " << problem << '\n';
        return kUsageError;
    }
    KMeansSettings chosen = settings;
    chosen.device = features.device;
    chosen.validate();
    const std::unique_ptr<ClusterCollective> job = ClusterCollective::fromEnvironment();  // launched by torchrun
    if (job && algorithm == "lloyd") {
        context.err << "m2ds cluster learn: --algorithm lloyd runs in one process; several processes learn with minibatch\n";
        return kUsageError;
    }
    if (job && job->rank() != 0) job->waitForRankZero("cluster-features");  // rank 0 fills the feature cache first
    const ClusterFeatures input = features.resolve(context);
    if (job && job->rank() == 0) job->waitForRankZero("cluster-features");
    for (const std::string& line : input.skipped) context.err << "m2ds cluster learn: skipped " << line << '\n';
    const RowSubsetSource sampled(*input.source, sampleUtterances({input.utterances}, percent, chosen.seed));
    const FeatureSource& learnt = percent < 0 ? static_cast<const FeatureSource&>(*input.source) : sampled;
    chosen.validateFor(learnt);
    const ProgressMonitor progress = context.progress("k-means");
    const KMeansResult result = algorithm == "lloyd" ? LloydKMeans(chosen).fit(learnt, progress) : MiniBatchKMeans(chosen, job.get()).fit(learnt, progress);
    if (job && job->rank() != 0) {
        context.out << "k-means: rank " << job->rank() << " of " << job->worldSize() << " done; rank 0 writes the codebook\n";
        return kSuccess;
    }
    std::error_code error;
    std::filesystem::create_directories(output, error);
    if (error) throw OutputError(output, "cannot create the folder: " + error.message());
    NpyFile::writeFloat32(output + "/centroids.npy", result.centroids.shape, result.centroids.values.data());
    AtomicFileWriter::writeFile(output + "/kmeans.json", describe(*this, input, learnt, result, job ? job->worldSize() : 1).dump(2) + "\n");
    context.out << "k-means: " << chosen.k << " clusters of " << learnt.rowCount() << " frames x " << learnt.dimension() << ", inertia per frame "
                << result.inertia / double(learnt.rowCount()) << ", " << result.iterations << " passes (" << result.steps << " steps)"
                << (result.converged ? ", converged" : "") << "\nwrote " << output << "/centroids.npy and kmeans.json\n";
    return kSuccess;
}

}  // namespace m2ds::cli
