#pragma once
#include <QString>
#include <optional>

#include "training/TrainingLogParser.h"

namespace m2ds {

/// Tails a training log (log.jsonl) incrementally: it remembers how far it has read and parses only the
/// complete lines added since, so a line still being written is picked up on a later call. Lines that are
/// not a JSON object with a known "event" are skipped and counted. A log that shrank is read again from the
/// start. No process and no event loop needed.
class TrainingLogReader {
public:
    /// maxBytesPerRead bounds one call's work, so a long log is caught up with over several calls.
    explicit TrainingLogReader(QString path = {}, qint64 maxBytesPerRead = 1 << 20);

    /// Parses the complete lines added since the last call (at most about maxBytesPerRead of them).
    TrainingLogBatch readNew();
    /// True when the last call reached the end of the file (nothing complete is left unread).
    bool atEnd() const { return atEnd_; }
    /// True when the log has a "start" with no later "end": the run it describes has not ended.
    bool isOpen() const { return parser_.isOpen(); }
    /// The last "start" and "end" read so far.
    const std::optional<TrainingStart>& lastStart() const { return parser_.lastStart(); }
    const std::optional<TrainingEnd>& lastEnd() const { return parser_.lastEnd(); }
    /// Bytes consumed so far (up to the end of the last complete line).
    qint64 offset() const { return offset_; }
    /// Lines skipped because they were not a valid record.
    int malformedLines() const { return parser_.malformedLines(); }

private:
    void restart();

    QString path_;
    qint64 maxBytes_;
    qint64 offset_ = 0;
    bool atEnd_ = false;
    TrainingLogParser parser_;
};

}  // namespace m2ds
