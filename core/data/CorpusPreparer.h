#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "audio/FrontEndConfig.h"
#include "audio/LogMelFrontEnd.h"
#include "common/FloatArray.h"

namespace m2ds {

class ProgressMonitor;
class TeacherFeatures;

/// What `m2ds prepare` (and a training run pointed at audio) computes once: the official per-utterance files.
struct PreparationSettings {
    bool speech = true;        ///< speech: .npz with teacher targets, padded; noise: .npy log-mel only
    double padSeconds = 7.0;   ///< speech waves are zero-padded to at least this long (official: 7 s)
    int threads = 2;           ///< files prepared at once
};

/// Result of a preparation: the prepared files in input order and the recordings that could not be used.
struct PreparedSet {
    std::vector<std::string> files;
    std::vector<std::string> skipped;  ///< "path: reason"
    std::size_t reused = 0;            ///< files already present from an earlier (interrupted) run
};

/// Which block of the recordings one process of a job (torchrun) prepares: the contiguous block
/// [N·rank/count, N·(rank+1)/count) by input index, so the blocks in rank order are the input order.
struct PreparationShard {
    int rank = 0;
    int count = 1;  ///< processes of the job; 1: the whole input
    /// [first, end) indices of this block among `recordings` recordings.
    std::pair<std::size_t, std::size_t> rangeOf(std::size_t recordings) const;
};

/// What the processes of a preparation did with the recordings, index-aligned with the input.
struct PreparationOutcome {
    std::vector<char> usable;          ///< per input recording: 1 when its file is there (prepared or reused) for the list
    std::vector<std::string> skipped;  ///< "path: reason", in input order
    std::size_t reused = 0;            ///< files already present from an earlier (interrupted) run
};

/// Computes log-mels (and teacher targets) of recordings into a folder, in parallel and resumably: every output is
/// written atomically, so a file that exists is complete and is not computed again.
class CorpusPreparer {
public:
    /// teacher may be null (no distillation targets, or a noise set).
    CorpusPreparer(const FrontEndConfig& frontEnd, const TeacherFeatures* teacher, const PreparationSettings& settings);
    /// Writes `<output>/<path relative to the recordings' common folder>.npz|.npy` and `<output>/files.csv`
    /// (official `file_name` column) and `<output>/prepared.json`. Unreadable recordings are skipped and listed in `<output>/skipped.txt`;
    /// throws CancelledError when the monitor is cancelled, InputError when nothing could be prepared.
    PreparedSet prepare(const std::vector<std::string>& recordings, const std::string& output, const ProgressMonitor& monitor) const;
    /// Prepares only `shard`'s block of `recordings` into `output` (the files of prepare(), no list); the outcome has
    /// usable = 0 outside the block. Throws CancelledError when cancelled, Error when a file cannot be written.
    PreparationOutcome prepareShard(const std::vector<std::string>& recordings, const std::string& output, const PreparationShard& shard,
                                    const ProgressMonitor& monitor) const;
    /// Writes `prepared.json`, `files.csv` (the usable recordings in input order) and `skipped.txt` of a preparation
    /// whose files are all there; throws InputError when nothing could be prepared.
    PreparedSet writeList(const std::vector<std::string>& recordings, const std::string& output, const PreparationOutcome& outcome) const;

    /// `<output>/<path relative to the recordings' common folder>.npz|.npy` of every recording, in input order.
    std::vector<std::string> targetsOf(const std::vector<std::string>& recordings, const std::string& output) const;

    /// The teacher recorded in the `prepared.json` of a prepared source (folder or its files.csv); "npz" when unknown
    /// (the user's own official .npz files).
    static std::string teacherOf(const std::string& source);

private:
    struct LoadedRecording;
    struct ShardTally;
    /// `prepared.json`: which set, teacher kind and padding the folder holds.
    std::string descriptionJson() const;
    /// Reads, pads and computes the log-mel of one recording; throws InputError for an unusable recording.
    LoadedRecording load(const std::string& recording) const;
    /// Writes one recording's file from its loaded form and teacher features ([frames, D]; empty without a teacher).
    void write(const LoadedRecording& loaded, FloatArray teacherFeatures, const std::string& target) const;
    /// Writes one recording's file; throws InputError for an unusable recording.
    void prepareOne(const std::string& recording, const std::string& target) const;
    /// Prepares [first, end) of `recordings` block by block, the teacher's features of each block in its batches.
    void prepareInTeacherBatches(const std::vector<std::string>& recordings, const std::vector<std::string>& targets, std::size_t first,
                                 std::size_t end, ShardTally& tally) const;
    /// Runs task(i) for i in [first, end) on settings.threads threads; an InputError of task(i) becomes the tally's
    /// reason for i, anything else (cancellation, a failed write) stops every thread and is rethrown once.
    void forEachRecording(std::size_t first, std::size_t end, ShardTally& tally, const std::function<void(std::size_t)>& task) const;

    LogMelFrontEnd frontEnd_;
    const TeacherFeatures* teacher_;
    PreparationSettings settings_;
};

}  // namespace m2ds
