#pragma once
#include <QByteArray>
#include <optional>

#include "training/TrainingLogRecords.h"

namespace m2ds {

/// Turns the lines of a training log (log.jsonl) into records, remembering the last "start" and "end" seen.
/// Shared by the local TrainingLogReader and the RemoteLogFollower, which differ only in where bytes come from.
/// Lines that are not a JSON object with a known "event" are skipped and counted.
class TrainingLogParser {
public:
    /// Parses every complete line of `lines` (a trailing piece without '\n' is parsed too: pass complete lines).
    void parseLines(const QByteArray& lines, TrainingLogBatch& batch);
    /// Forgets everything seen: the log is read again from its start.
    void restart();

    /// True when the log has a "start" with no later "end": the run it describes has not ended.
    bool isOpen() const { return open_; }
    const std::optional<TrainingStart>& lastStart() const { return lastStart_; }
    const std::optional<TrainingEnd>& lastEnd() const { return lastEnd_; }
    /// Lines skipped because they were not a valid record.
    int malformedLines() const { return malformed_; }

private:
    void parseLine(const QByteArray& line, TrainingLogBatch& batch);

    bool open_ = false;
    int malformed_ = 0;
    std::optional<TrainingStart> lastStart_;
    std::optional<TrainingEnd> lastEnd_;
};

}  // namespace m2ds
