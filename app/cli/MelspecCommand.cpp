#include "cli/MelspecCommand.h"

#include <ostream>

#include "audio/RecordingAnalyser.h"
#include "cli/ExitCode.h"
#include "common/NpyFile.h"

namespace m2ds::cli {

int MelspecCommand::run(const CommandContext& context) const {
    const ProgressMonitor monitor = context.progress(input);
    AnalysedRecording recording = RecordingAnalyser({}, context.threads).analyse(input, &monitor);
    const Waveform& waveform = recording.waveform;
    if (waveform.downmixed || waveform.resampled)
        context.err << "m2ds melspec: " << input << ": converted from " << waveform.source.channels << " channel(s) at "
                    << waveform.source.sampleRate << " Hz to mono " << waveform.sampleRate << " Hz\n";
    recording.waveform.samples = {};  // free before writing: a long file's waveform is twice the log-mel's size
    LogMelSpectrogram& logMel = recording.logMel;
    if (mean && std) logMel.normalise(*mean, *std);
    NpyFile::writeFloat32(output, {static_cast<std::size_t>(logMel.melCount), logMel.frameCount}, logMel.values.data());
    return kSuccess;
}

}  // namespace m2ds::cli
