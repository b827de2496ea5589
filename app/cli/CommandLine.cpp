#include "cli/CommandLine.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/CheckpointCommands.h"
#include "cli/ClusterAssignCommand.h"
#include "cli/ClusterLearnCommand.h"
#include "cli/ClusterScoreCommand.h"
#include "cli/ExitCode.h"
#include "cli/ExtractCommand.h"
#include "cli/InfoCommand.h"
#include "cli/MelspecCommand.h"
#include "cli/PrepareCommand.h"
#include "cli/ProbeCommand.h"
#include "cli/SimilarityCommand.h"
#include "cli/TrainCommand.h"
#include "common/BlasInfo.h"
#include "common/Errors.h"
#include "common/FileText.h"

namespace m2ds::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success, 1 unusable input file, 2 usage error, 3 output not written, "
    "4 internal error, 5 training diverged (NaN/inf loss), 130 interrupted (m2ds train: after a checkpoint).";

/// --mean M --std S, both or neither, std > 0.
void addNormalisationOptions(CLI::App& command, std::optional<float>& mean, std::optional<float>& std, const std::string& verb) {
    CLI::Option* meanOption = command.add_option("--mean", mean, verb + ": subtract this log-mel mean");
    CLI::Option* stdOption = command.add_option("--std", std, verb + ": divide by this log-mel std")->check(CLI::PositiveNumber);
    meanOption->needs(stdOption);
    stdOption->needs(meanOption);
}

/// An error for the terminal: one line, at most ~1000 characters, no control characters or invalid UTF-8, whatever
/// reached the message from a file.
std::string terminalLine(const std::exception& error) { return FileText::escaped(error.what(), 1000); }

template <typename Command>
int runReportingErrors(const Command& command, const CommandContext& context, const std::string& name) {
    const std::string prefix = "m2ds " + name + ": ";
    try {
        return command.run(context);
    } catch (const InvalidArgument& error) {  // a checkpoint whose weights do not fit its geometry, a bad device
        context.err << prefix << terminalLine(error) << '\n';
        return kInputError;
    } catch (const InputError& error) {
        context.err << prefix << terminalLine(error) << '\n';
        return kInputError;
    } catch (const OutputError& error) {
        context.err << prefix << terminalLine(error) << '\n';
        return kOutputError;
    } catch (const TrainingDiverged& error) {
        context.err << prefix << terminalLine(error) << '\n';
        return kTrainingDiverged;
    } catch (const CancelledError&) {
        context.err << prefix << "interrupted; no output written\n";
        return kInterrupted;
    } catch (const Error& error) {  // a setup problem the message explains (e.g. a process group that cannot be joined)
        context.err << prefix << terminalLine(error) << '\n';
        return kInputError;
    } catch (const std::exception& error) {
        context.err << prefix << "internal error: " << terminalLine(error) << '\n';
        return kInternalError;
    }
}

}  // namespace

int runCommandLine(int argc, char** argv, const std::atomic<bool>& interrupted) {
    CLI::App app("m2ds — M2D-S (Masked Modeling Duo for Speech) workbench, command line", "m2ds");
    app.footer(kExitCodes);
    app.set_version_flag("--version", [] { return std::string("m2ds ") + M2DS_VERSION + "\n" + blasDescription(); },
                         "Print the version and the BLAS in use (with OpenBLAS, its kernel for this CPU), then exit");
    app.require_subcommand(1);
    CommandContext context{std::cout, std::cerr, interrupted};
    app.add_option("--threads", context.threads, "CPU threads for the front-end and the model (0 = all)")->check(CLI::NonNegativeNumber);

    InfoCommand info;
    CLI::App* infoApp = app.add_subcommand("info", "Show format, sample rate, channels and duration of recordings");
    infoApp->add_option("FILE", info.files, "Recordings (wav, flac, ogg, opus, mp3, ...)")->required();

    MelspecCommand melspec;
    CLI::App* melspecApp = app.add_subcommand("melspec", "Write the M2D log-mel spectrogram as float32 [80, T] .npy");
    melspecApp->add_option("FILE", melspec.input, "Recording, any rate and channel count")->required();
    melspecApp->add_option("-o,--output", melspec.output, "Output .npy path")->required();
    addNormalisationOptions(*melspecApp, melspec.mean, melspec.std, "Normalise");

    CLI::App* ckptApp = app.add_subcommand("ckpt", "Inspect and convert checkpoints (official .pth, .safetensors)");
    ckptApp->require_subcommand(1);
    CkptInfoCommand ckptInfo;
    CLI::App* ckptInfoApp = ckptApp->add_subcommand("info", "Geometry, parameters, parts and norm stats of a checkpoint");
    ckptInfoApp->add_option("CKPT", ckptInfo.path, "Checkpoint (.pth or .safetensors)")->required();
    CkptConvertCommand ckptConvert;
    CLI::App* ckptConvertApp = ckptApp->add_subcommand("convert", "Convert to .safetensors (ours) or .pth (PyTorch, weights_only)");
    ckptConvertApp->add_option("IN", ckptConvert.input, "Checkpoint to read")->required();
    ckptConvertApp->add_option("OUT", ckptConvert.output, "Output .safetensors or .pth")->required();
    addNormalisationOptions(*ckptConvertApp, ckptConvert.mean, ckptConvert.std, "Store normalisation");

    ExtractCommand extract;
    CLI::App* extractApp = app.add_subcommand("extract", "Write layer-wise embeddings of recordings (CSV, NPY + index, projector; + .json sidecar)");
    extractApp->add_option("--model", extract.model, "Checkpoint (.pth or .safetensors)")->required();
    extractApp->add_option("--layers", extract.layers, "all, last, 0-12 or 3,6,9 (0 = patch embedding)")->capture_default_str();
    CLI::Option* clipFlag = extractApp->add_flag("--clip", extract.clip, "One pooled row per recording and layer (frame = -1)");
    extractApp->add_option("--pooling", extract.pooling, "Clip pooling over time: mean (the official runtime's), mean+std, max, first, last")
        ->check(CLI::IsMember({"mean", "mean+std", "max", "first", "last"}))->needs(clipFlag)->capture_default_str();
    extractApp->add_option("--format", extract.format, "csv, npy (+ OUT.index.csv) or projector (OUT is a folder); default: OUT's extension")
        ->check(CLI::IsMember({"csv", "npy", "projector"}));
    extractApp->add_option("--device", extract.device, "cpu, cuda or cuda:N")->capture_default_str();
    extractApp->add_option("--chunks_per_pass", extract.chunksPerPass, "M2D: chunks per forward pass, of one long file or of several short ones (0: 1 on the CPU, 16 on CUDA)")
        ->check(CLI::Range(0, 4096))->capture_default_str();
    extractApp->add_option("--batch", extract.hubertBatch, "HuBERT folder: recordings per forward pass, grouped by length (0: 16 on CUDA, 1 on the CPU)")
        ->check(CLI::Range(0, 4096))->capture_default_str();
    addNormalisationOptions(*extractApp, extract.mean, extract.std, "Normalise log-mels with");
    extractApp->add_option("FILE", extract.files, "Recordings")->required();
    extractApp->add_option("-o,--output", extract.output, "Output .csv, .npy or projector folder")->required();

    PrepareCommand prepare;
    CLI::App* prepareApp = prepare.addTo(app);
    TrainCommand train;
    CLI::App* trainApp = train.addTo(app);

    CLI::App* clusterApp = app.add_subcommand("cluster", "k-means codebooks of frame features, fairseq HuBERT labels, cluster quality");
    clusterApp->require_subcommand(1);
    ClusterLearnCommand clusterLearn;
    CLI::App* clusterLearnApp = clusterLearn.addTo(*clusterApp);
    ClusterAssignCommand clusterAssign;
    CLI::App* clusterAssignApp = clusterAssign.addTo(*clusterApp);
    ClusterScoreCommand clusterScore;
    CLI::App* clusterScoreApp = clusterScore.addTo(*clusterApp);

    ProbeCommand probe;
    CLI::App* probeApp = probe.addTo(app);
    SimilarityCommand similarity;
    CLI::App* similarityApp = similarity.addTo(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int status = app.exit(error);
        return status == 0 ? kSuccess : kUsageError;
    }
    if (infoApp->parsed()) return runReportingErrors(info, context, "info");
    if (ckptInfoApp->parsed()) return runReportingErrors(ckptInfo, context, "ckpt info");
    if (ckptConvertApp->parsed()) return runReportingErrors(ckptConvert, context, "ckpt convert");
    if (extractApp->parsed()) return runReportingErrors(extract, context, "extract");
    if (prepareApp->parsed()) return runReportingErrors(prepare, context, "prepare");
    if (trainApp->parsed()) return runReportingErrors(train, context, "train");
    if (clusterLearnApp->parsed()) return runReportingErrors(clusterLearn, context, "cluster learn");
    if (clusterAssignApp->parsed()) return runReportingErrors(clusterAssign, context, "cluster assign");
    if (clusterScoreApp->parsed()) return runReportingErrors(clusterScore, context, "cluster score");
    if (probeApp->parsed()) return runReportingErrors(probe, context, "probe");
    if (similarityApp->parsed()) return runReportingErrors(similarity, context, "similarity");
    return runReportingErrors(melspec, context, "melspec");
}

}  // namespace m2ds::cli
