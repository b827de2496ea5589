#pragma once
#include <functional>
#include <string>
#include <vector>

#include "common/FloatArray.h"
#include "common/LengthBuckets.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

class HubertModel;
class InputError;

/// A recording as a HuBERT / wav2vec 2.0 model takes it with the plain Hugging Face pipeline: the whole file at
/// 16 kHz mono, normalised by Wav2Vec2Processor's rule (normaliseForHubert), no padding. Decoding reports into
/// [0, 0.3] of `monitor` (may be null). Throws InputError naming the file, CancelledError through `monitor`.
std::vector<float> hubertInputOf(const std::string& path, const ProgressMonitor* monitor);

/// What hiddenStatesOfRecordings() tells of each recording, one after the other in the order of the paths.
struct HubertRecordingsSink {
    /// The recording's requested hidden states: one [T, hidden] float32 array per layer.
    std::function<void(std::size_t recording, std::vector<FloatArray>&& states)> states;
    /// The recording cannot be used; the others go on. Unset: its InputError is thrown instead, once the recordings
    /// before it have been delivered.
    std::function<void(std::size_t recording, const InputError& error)> unusable;
};

/// Hidden states `layers` of each of `paths` (hubertInputOf), `limits.items` recordings read at a time and run in
/// length buckets within `limits` (hiddenStatesInBuckets): each as hiddenStates() of it alone up to float rounding.
/// monitorOf(i): the progress of recording i, reported done once its states are delivered.
void hiddenStatesOfRecordings(const HubertModel& model, const std::vector<std::string>& paths, const std::vector<int>& layers,
                              const BatchLimits& limits, const HubertRecordingsSink& sink,
                              const std::function<ProgressMonitor(std::size_t recording)>& monitorOf);

}  // namespace m2ds
