#include "cli/ProbeCommand.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <ostream>

#include "cli/ExitCode.h"
#include "cli/ModelLoading.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "data/DataSourceList.h"
#include "features/ClipEmbeddingCache.h"
#include "features/LayerEmbeddingExtractor.h"
#include "labels/LabelledSet.h"
#include "labels/SegmentLabels.h"
#include "probe/FrameProbeData.h"
#include "probe/ProbeExperiment.h"

namespace m2ds::cli {
namespace {

/// "90 recordings: 30 cached, 60 to compute (41 s of audio), result 2.3 MB".
std::string estimateLine(const ClipEmbeddingEstimate& estimate) {
    char line[200];
    std::snprintf(line, sizeof line, "%zu recordings: %zu cached, %zu to compute (%.0f s of audio)%s, result %.1f MB",
                  estimate.cached + estimate.missing + estimate.unreadable, estimate.cached, estimate.missing, estimate.missingSeconds,
                  estimate.unreadable ? (", " + std::to_string(estimate.unreadable) + " unreadable").c_str() : "",
                  double(estimate.resultBytes) / 1e6);
    return line;
}

std::vector<std::string> pathsOf(const LabelledSet& set) {
    std::vector<std::string> paths;
    for (const LabelledFile& file : set.files()) paths.push_back(file.path);
    return paths;
}

SegmentLabels segmentLabels(const std::string& source, const std::string& tier) {
    if (std::filesystem::is_directory(std::filesystem::u8path(source))) return SegmentLabels::fromTextGridFolder(source, tier);
    return SegmentLabels::fromCsv(source);
}

/// The first few skipped recordings, then how many more: a folder of hundreds must not flood the terminal.
void reportSkipped(const CommandContext& context, const std::vector<std::string>& skipped) {
    constexpr std::size_t kShown = 5;
    for (std::size_t i = 0; i < skipped.size() && i < kShown; ++i) context.err << "m2ds probe: skipped " << skipped[i] << '\n';
    if (skipped.size() > kShown) context.err << "m2ds probe: skipped " << skipped.size() - kShown << " more (all listed in the report)\n";
}

void writeReport(const CommandContext& context, const std::string& output, const ProbeReport& report) {
    AtomicFileWriter::writeFile(output, report.toJson());
    context.out << report.toTable();
}

}  // namespace

CLI::App* ProbeCommand::addTo(CLI::App& app) {
    CLI::App* probe = app.add_subcommand("probe", "Linear probes of every layer's embeddings on labelled recordings, against a log-mel baseline");
    probe->add_option("--model", models, "M2D / M2D-S checkpoints or HuBERT / wav2vec 2.0 folders (comma-separated or repeated)")
        ->required()->delimiter(',');
    probe->add_option("--labels", labels, "Labelled set: a folder with one sub-folder per label, a CSV file,label[,group], or a folder/list with --regex");
    probe->add_option("--regex", regex, "Take the label from each path: the first capture group of this regular expression");
    probe->add_option("--group", groupColumn, "CSV column of groups (e.g. speaker) kept within one fold; default: a 'group' column when there is one");
    probe->add_option("--frame-labels", frameLabels, "Frame-level probe: a folder of STEM.TextGrid files or a CSV file,start,end,label");
    probe->add_option("--tier", tier, "TextGrid tier of --frame-labels (default: the first interval tier)");
    probe->add_option("--max-frames", maxFrames, "Frame-level: at most this many frames, spread evenly over the recordings")
        ->check(CLI::Range(100, 2000000))->capture_default_str();
    probe->add_option("SOURCE", sources, "Frame-level: the recordings (files, folders, M2D .csv, fairseq .tsv) when there is no --labels");
    probe->add_option("--layers", layers, "all, last, 0-12 or 3,6,9 (0 = patch embedding; HuBERT: hidden_states indices)")->capture_default_str();
    probe->add_option("--pooling", pooling, "Clip pooling of the frames: mean (the official runtime's), mean+std, max, first, last")
        ->check(CLI::IsMember({"mean", "mean+std", "max", "first", "last"}))->capture_default_str();
    probe->add_option("--folds", settings.folds, "Outer cross-validation folds")->check(CLI::Range(2, 100))->capture_default_str();
    probe->add_option("--inner-folds", settings.innerFolds, "Folds of the inner CV that picks C")->check(CLI::Range(2, 100))->capture_default_str();
    probe->add_option("--C", settings.regularisationGrid, "Inverse L2 strengths tried (scikit-learn's C)")->delimiter(',')->capture_default_str();
    probe->add_option("--seed", settings.seed, "Seed of the fold shuffles")->capture_default_str();
    probe->add_option("--cache", cache, "Clip-embedding cache folder (default $XDG_CACHE_HOME/m2ds/embeddings)");
    probe->add_option("--device", device, "cpu, cuda or cuda:N (models and probes)")->capture_default_str();
    probe->add_option("-o,--output", output, "Report .json")->required();
    return probe;
}

int ProbeCommand::run(const CommandContext& context) const {
    if (frameLabels.empty() ? labels.empty() || !sources.empty() : labels.empty() == sources.empty()) {
        context.err << "m2ds probe: " << (frameLabels.empty() ? "give the labelled set with --labels (SOURCE… goes with --frame-labels)"
                                                               : "name the recordings with --labels or SOURCE…, not both")
                    << '\n';
        return kUsageError;
    }
    ProbeSettings probeSettings = settings;
    probeSettings.device = device;
    probeSettings.threads = context.threads;
    probeSettings.validate();
    std::vector<LayerEmbeddingModel> opened;
    std::vector<ProbedModel> probed;
    for (const std::string& path : models) opened.push_back(openLayerEmbeddingModel(path, layers, device, context.threads));
    for (const LayerEmbeddingModel& model : opened) probed.push_back({model.path, model.extractor.get()});
    if (!frameLabels.empty()) return runFrames(context, probed, probeSettings);

    const ClipPoolingKind poolingKind = parseClipPooling(pooling);
    const LabelledSet set = LabelledSet::open(labels, regex, groupColumn);
    if (set.skippedByRegex() > 0) context.err << "m2ds probe: " << set.skippedByRegex() << " file(s) did not match --regex and were left out\n";
    const ClipEmbeddingCache embeddingCache = cache.empty() ? ClipEmbeddingCache() : ClipEmbeddingCache(cache);
    for (const ProbedModel& model : probed)
        context.err << "m2ds probe: " << model.checkpoint << ": " << estimateLine(embeddingCache.estimate(pathsOf(set), *model.extractor, poolingKind)) << '\n';
    const ClipProbeData data = ClipProbeData::gather(set, probed, poolingKind, embeddingCache, context.progress("embeddings"));
    reportSkipped(context, data.skipped);
    const ProgressMonitor monitor = context.progress("probes");
    ProbeReport report = ProbeExperiment::run(data.examples, data.models, probeSettings, &monitor);
    report.pooling = pooling;
    report.labelSource = labels;
    report.skipped = data.skipped;
    writeReport(context, output, report);
    return kSuccess;
}

int ProbeCommand::runFrames(const CommandContext& context, const std::vector<ProbedModel>& probed, const ProbeSettings& probeSettings) const {
    std::vector<std::string> recordings;
    if (!labels.empty()) recordings = pathsOf(LabelledSet::open(labels, regex, groupColumn));
    for (const std::string& source : sources)
        for (std::string& file : DataSourceList::resolve(source))
            if (DataSourceList::isAudioPath(file)) recordings.push_back(std::move(file));
    if (recordings.empty()) throw InputError(sources.front(), "holds no recordings");
    const SegmentLabels segments = segmentLabels(frameLabels, tier);
    const FrameProbeData data = FrameProbeData::gather(recordings, segments, probed, maxFrames, std::size_t(probeSettings.folds) * 2,
                                                       context.progress("frames"));
    reportSkipped(context, data.skipped);
    if (!data.droppedLabels.empty())
        context.err << "m2ds probe: " << data.droppedLabels.size() << " label(s) with fewer than " << probeSettings.folds * 2
                    << " frames left out (e.g. '" << data.droppedLabels.front() << "')\n";
    const ProgressMonitor monitor = context.progress("probes");
    ProbeReport report = ProbeExperiment::run(data.examples, data.models, probeSettings, &monitor);
    report.level = "frame";
    report.pooling = "none";
    report.labelSource = frameLabels;
    report.skipped = data.skipped;
    writeReport(context, output, report);
    return kSuccess;
}

}  // namespace m2ds::cli
