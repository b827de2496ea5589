#pragma once
#include <functional>
#include <string>
#include <vector>

#include "common/FloatArray.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

class InputError;
class M2dsModel;

/// Receives one recording's embeddings in time order: the first frame index, the recording's total frame count,
/// and one [frames, dim] array per selected layer (same order as the selection).
using FrameEmbeddingSink =
    std::function<void(std::size_t firstFrame, std::size_t totalFrames, const std::vector<FloatArray>& layers)>;

/// Receives several recordings' embeddings, one recording after the other: begin(i), its frames in time order, end(i);
/// or, for an unusable recording, unusable(i) alone when set (else its InputError ends extractAll()).
struct RecordingsSink {
    std::function<void(std::size_t recording)> begin;
    FrameEmbeddingSink frames;
    std::function<void(std::size_t recording)> end;
    std::function<void(std::size_t recording, const InputError& error)> unusable;
};

/// A recording's file → 16 kHz mono → log-mel → (x − mean)/std with the model's stats → embeddings of the
/// selected layers, streamed to a sink. Frame i spans [i, i+1)·frameSeconds().
class RecordingEmbeddings {
public:
    /// threads: front-end threads (0 = all).
    RecordingEmbeddings(const M2dsModel& model, std::vector<int> layers, int threads = 0);

    /// Throws InputError for an unusable file. Returns the number of embedding frames produced.
    std::size_t extract(const std::string& path, const FrameEmbeddingSink& sink, const ProgressMonitor* monitor = nullptr) const;
    /// extract() of each of `paths`, in order. Where the model encodes several chunks per forward pass (CUDA), files
    /// shorter than a pass are encoded together (M2dsModel::extractTogether: a LibriSpeech utterance is 2–6 chunks, and
    /// one per pass leaves a GPU idle); longer ones stream alone. monitorOf(i): the progress of recording i.
    /// An unusable file goes to sink.unusable and the others go on; without it, its InputError is thrown once the
    /// recordings before it have been delivered.
    void extractAll(const std::vector<std::string>& paths, const RecordingsSink& sink,
                    const std::function<ProgressMonitor(std::size_t recording)>& monitorOf) const;
    /// Seconds per embedding frame: patchTime · hop / sample rate (0.02 s for M2D-S).
    double frameSeconds() const;
    const std::vector<int>& layers() const { return layers_; }

private:
    /// The file's 16 kHz log-mel [F, T], normalised with the model's statistics.
    FloatArray normalisedLogMel(const std::string& path, const ProgressMonitor* monitor) const;
    /// Streams the embeddings of a normalised log-mel; reports into [0.3, 1] of `monitor`. Returns the frame count.
    std::size_t encode(const FloatArray& logMel, const FrameEmbeddingSink& sink, const ProgressMonitor* monitor) const;

    const M2dsModel& model_;
    std::vector<int> layers_;
    int threads_;
};

}  // namespace m2ds
