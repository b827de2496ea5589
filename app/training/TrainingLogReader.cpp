#include "training/TrainingLogReader.h"

#include <QFile>

namespace m2ds {

TrainingLogReader::TrainingLogReader(QString path, qint64 maxBytesPerRead) : path_(std::move(path)), maxBytes_(maxBytesPerRead) {}

TrainingLogBatch TrainingLogReader::readNew() {
    TrainingLogBatch batch;
    QFile file(path_);
    atEnd_ = true;
    if (!file.open(QIODevice::ReadOnly)) return batch;  // not written yet
    if (file.size() < offset_) restart();               // replaced or truncated: read it again
    if (!file.seek(offset_)) return batch;
    QByteArray chunk = file.read(maxBytes_);
    if (chunk.size() == maxBytes_ && !chunk.contains('\n')) chunk += file.readAll();  // one very long line
    const qsizetype complete = chunk.lastIndexOf('\n') + 1;  // a partial last line waits for the next call
    parser_.parseLines(chunk.left(complete), batch);
    offset_ += complete;
    atEnd_ = file.atEnd();
    return batch;
}

void TrainingLogReader::restart() {
    offset_ = 0;
    parser_.restart();
}

}  // namespace m2ds
