#pragma once
#include <QString>
#include <exception>

#include "views/RecordingData.h"

namespace m2ds {

class ProgressMonitor;

/// A JobQueue job: decodes a recording and computes its log-mel (core's RecordingAnalyser), then the summaries the
/// plots draw from.
class RecordingLoadJob {
public:
    explicit RecordingLoadJob(QString path) : path_(std::move(path)) {}

    /// Runs on a job thread; throws InputError naming the file, CancelledError once `monitor` is cancelled.
    RecordingDataPtr operator()(const ProgressMonitor& monitor) const;
    /// The message for an error operator() threw, naming the file and the reason (e.g. "/a/b.wav: no such file").
    QString describeFailure(const std::exception& error) const;

private:
    QString path_;
};

}  // namespace m2ds
