#pragma once
#include <string>
#include <vector>

#include "audio/FrontEndConfig.h"
#include "audio/LogMelFrontEnd.h"

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

    /// The teacher recorded in the `prepared.json` of a prepared source (folder or its files.csv); "npz" when unknown
    /// (the user's own official .npz files).
    static std::string teacherOf(const std::string& source);

private:
    /// `prepared.json`: which set, teacher kind and padding the folder holds.
    std::string descriptionJson() const;
    /// Writes one recording's file; throws InputError for an unusable recording.
    void prepareOne(const std::string& recording, const std::string& target) const;

    LogMelFrontEnd frontEnd_;
    const TeacherFeatures* teacher_;
    PreparationSettings settings_;
};

}  // namespace m2ds
