#pragma once
#include "audio/LogMelSpectrogram.h"
#include "audio/Waveform.h"

namespace m2ds {

/// A recording decoded to 16 kHz mono and its (unnormalised) M2D log-mel.
struct AnalysedRecording {
    Waveform waveform;
    LogMelSpectrogram logMel;
};

}  // namespace m2ds
