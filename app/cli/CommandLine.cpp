#include "cli/CommandLine.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/ExitCode.h"
#include "cli/InfoCommand.h"
#include "cli/MelspecCommand.h"
#include "common/Errors.h"

namespace m2ds::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success, 1 unusable input file, 2 usage error, 3 output not written, "
    "4 internal error, 130 interrupted.";

template <typename Command>
int runReportingErrors(const Command& command, const CommandContext& context, const std::string& name) {
    try {
        return command.run(context);
    } catch (const InputError& error) {
        context.err << "m2ds " << name << ": " << error.what() << '\n';
        return kInputError;
    } catch (const OutputError& error) {
        context.err << "m2ds " << name << ": " << error.what() << '\n';
        return kOutputError;
    } catch (const CancelledError&) {
        context.err << "m2ds " << name << ": interrupted; no output written\n";
        return kInterrupted;
    } catch (const std::exception& error) {
        context.err << "m2ds " << name << ": internal error: " << error.what() << '\n';
        return kInternalError;
    }
}

}  // namespace

int runCommandLine(int argc, char** argv, const std::atomic<bool>& interrupted) {
    CLI::App app("m2ds — M2D-S (Masked Modeling Duo for Speech) workbench, command line", "m2ds");
    app.footer(kExitCodes);
    app.set_version_flag("--version", std::string("m2ds ") + M2DS_VERSION);
    app.require_subcommand(1);
    CommandContext context{std::cout, std::cerr, interrupted};
    app.add_option("--threads", context.threads, "CPU threads for the front-end (0 = all)")->check(CLI::NonNegativeNumber);

    InfoCommand info;
    CLI::App* infoApp = app.add_subcommand("info", "Show format, sample rate, channels and duration of recordings");
    infoApp->add_option("FILE", info.files, "Recordings (wav, flac, ogg, opus, mp3, ...)")->required();

    MelspecCommand melspec;
    CLI::App* melspecApp = app.add_subcommand("melspec", "Write the M2D log-mel spectrogram as float32 [80, T] .npy");
    melspecApp->add_option("FILE", melspec.input, "Recording, any rate and channel count")->required();
    melspecApp->add_option("-o,--output", melspec.output, "Output .npy path")->required();
    CLI::Option* meanOption = melspecApp->add_option("--mean", melspec.mean, "Normalise: subtract this mean");
    CLI::Option* stdOption = melspecApp->add_option("--std", melspec.std, "Normalise: divide by this std")
                                 ->check(CLI::PositiveNumber);
    meanOption->needs(stdOption);
    stdOption->needs(meanOption);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int status = app.exit(error);
        return status == 0 ? kSuccess : kUsageError;
    }
    if (infoApp->parsed()) return runReportingErrors(info, context, "info");
    return runReportingErrors(melspec, context, "melspec");
}

}  // namespace m2ds::cli
