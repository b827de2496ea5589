#include "cli/InfoCommand.h"

#include <iomanip>
#include <ostream>

#include "audio/AudioFile.h"
#include "cli/ExitCode.h"
#include "common/Errors.h"

namespace m2ds::cli {
namespace {

void printInfo(const AudioInfo& info, std::ostream& out) {
    out << info.path << '\n'
        << "  format:      " << info.format << '\n'
        << "  sample rate: " << info.sampleRate << " Hz\n"
        << "  channels:    " << info.channels << '\n'
        << "  frames:      " << info.frames << '\n'
        << "  duration:    " << std::fixed << std::setprecision(3) << info.durationSeconds() << " s\n";
    std::string conversion;
    if (info.channels > 1) conversion += "down-mixed to mono";
    if (info.sampleRate != 16000) conversion += std::string(conversion.empty() ? "" : ", ") + "resampled to 16000 Hz";
    out << "  conversion:  " << (conversion.empty() ? "none (already 16 kHz mono)" : conversion) << '\n';
}

}  // namespace

int InfoCommand::run(const CommandContext& context) const {
    int status = kSuccess;
    for (const std::string& path : files) {
        try {
            printInfo(AudioFile(path).info(), context.out);
        } catch (const InputError& error) {
            context.err << "m2ds info: " << error.what() << '\n';
            status = kInputError;
        }
    }
    return status;
}

}  // namespace m2ds::cli
