#include "cli/ClusterScoreCommand.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <map>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/ExitCode.h"
#include "cluster/ClusterQuality.h"
#include "cluster/FairseqLabels.h"
#include "common/Errors.h"
#include "labels/FrameLabeler.h"
#include "labels/SegmentLabels.h"

namespace m2ds::cli {
namespace {

struct KmDescription {
    std::vector<std::string> files;
    double framesPerSecond = 0.0;
    std::size_t k = 0;
};

KmDescription readSidecar(const std::string& km) {
    const std::string path = km + ".json";
    std::ifstream in(path);
    if (!in) throw InputError(path, "is missing: score needs the sidecar that `m2ds cluster assign` writes next to the .km");
    try {
        const nlohmann::json json = nlohmann::json::parse(in);
        return {json.at("files").get<std::vector<std::string>>(), json.at("frames_per_second").get<double>(), json.at("k").get<std::size_t>()};
    } catch (const nlohmann::json::exception& error) {
        throw InputError(path, std::string("is not a .km sidecar (") + error.what() + ")");
    }
}

/// Sizes in powers of two: how many clusters hold 0, 1, 2–3, 4–7, … frames.
void printSizeHistogram(std::ostream& out, const std::vector<std::int64_t>& sizes) {
    std::map<int, int> bins;
    for (std::int64_t size : sizes) bins[size == 0 ? -1 : int(std::log2(double(size)))]++;
    out << "cluster sizes (frames: clusters):";
    for (const auto& [bin, count] : bins)
        out << "  " << (bin < 0 ? std::string("0") : std::to_string(1LL << bin) + "-" + std::to_string((2LL << bin) - 1)) << ": " << count;
    out << '\n';
}

}  // namespace

CLI::App* ClusterScoreCommand::addTo(CLI::App& cluster) {
    CLI::App* score = cluster.add_subcommand("score", "Phone purity, cluster purity and PNMI of a .km against reference labels");
    score->add_option("--km", km, "Labels written by `m2ds cluster assign` (OUT.km, with OUT.km.json)")->required();
    CLI::Option* grids = score->add_option("--textgrid", textgrids, "Folder of STEM.TextGrid files (e.g. Montreal Forced Aligner output)");
    score->add_option("--tier", tier, "TextGrid tier (default: the first interval tier)");
    CLI::Option* table = score->add_option("--labels", labels, "CSV file,start,end,label (or file,label per recording)");
    grids->excludes(table);
    table->excludes(grids);
    return score;
}

int ClusterScoreCommand::run(const CommandContext& context) const {
    if (textgrids.empty() == labels.empty()) {
        context.err << "m2ds cluster score: give --textgrid DIR or --labels CSV\n";
        return kUsageError;
    }
    const KmDescription description = readSidecar(km);
    const auto clusters = FairseqLabels::readKm(km);
    if (clusters.size() != description.files.size())
        throw InputError(km, std::to_string(clusters.size()) + " lines, but its sidecar lists " + std::to_string(description.files.size()) + " recordings");
    const SegmentLabels reference = textgrids.empty() ? SegmentLabels::fromCsv(labels) : SegmentLabels::fromTextGridFolder(textgrids, tier);
    FrameLabeler labeler;
    std::vector<std::int32_t> y, z, all;
    std::size_t unmatched = 0;
    for (std::size_t u = 0; u < clusters.size(); ++u) {
        all.insert(all.end(), clusters[u].begin(), clusters[u].end());
        const auto* segments = reference.find(description.files[u]);
        if (!segments) {
            ++unmatched;
            continue;
        }
        const auto frameLabels = labeler.label(*segments, clusters[u].size(), description.framesPerSecond);
        for (std::size_t t = 0; t < frameLabels.size(); ++t)
            if (frameLabels[t] != FrameLabeler::kUnlabelled) y.push_back(frameLabels[t]), z.push_back(clusters[u][t]);
    }
    if (y.empty()) throw InputError(reference.origin(), "labels none of the frames of the " + std::to_string(clusters.size()) + " recordings in " + km);
    const LabelAgreement agreement = ClusterQuality::agreement(y, z);
    context.out << std::fixed << std::setprecision(4) << "frames labelled: " << y.size() << " of " << all.size() << " (" << clusters.size() - unmatched
                << " of " << clusters.size() << " recordings have labels), " << agreement.labelClasses << " labels, "
                << agreement.clusterClasses << " clusters in use\n"
                << "phone purity:   " << agreement.phonePurity << "\ncluster purity: " << agreement.clusterPurity << "\nPNMI:           "
                << agreement.pnmi << "  (I = " << agreement.mutualInformation << " nats, H(labels) = " << agreement.labelEntropy << " nats)\n";
    printSizeHistogram(context.out, ClusterQuality::clusterSizes(all, description.k));
    return kSuccess;
}

}  // namespace m2ds::cli
