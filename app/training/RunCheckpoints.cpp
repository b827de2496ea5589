#include "training/RunCheckpoints.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <limits>

#include "train/TrainingCheckpoint.h"

namespace m2ds {
namespace {

RunCheckpoint parsedCheckpoint(const QString& path) {
    static const QRegularExpression pattern(QStringLiteral(R"(^checkpoint-(\d{1,9})(?:-it(\d{1,9}))?\.safetensors$)"));
    RunCheckpoint checkpoint;
    const QFileInfo file(path);
    checkpoint.path = file.absoluteFilePath();
    checkpoint.bytes = file.size();
    checkpoint.modifiedMs = file.lastModified().toMSecsSinceEpoch();
    const QRegularExpressionMatch match = pattern.match(file.fileName());
    if (match.hasMatch()) {
        checkpoint.epoch = match.captured(1).toInt();
        checkpoint.iteration = match.captured(2).isEmpty() ? -1 : match.captured(2).toInt();
    }
    return checkpoint;
}

/// (epoch, iteration) with the end of an epoch after every stop inside it.
std::pair<int, int> trainingPosition(const RunCheckpoint& checkpoint) {
    return {checkpoint.epoch, checkpoint.iteration < 0 ? std::numeric_limits<int>::max() : checkpoint.iteration};
}

}  // namespace

std::vector<RunCheckpoint> runCheckpoints(const QString& folder) {
    std::vector<RunCheckpoint> checkpoints;
    if (folder.isEmpty()) return checkpoints;
    for (const std::string& path : TrainingCheckpoint::listIn(folder.toStdString()))
        checkpoints.push_back(parsedCheckpoint(QString::fromStdString(path)));
    std::stable_sort(checkpoints.begin(), checkpoints.end(),
                     [](const RunCheckpoint& a, const RunCheckpoint& b) { return trainingPosition(a) < trainingPosition(b); });
    return checkpoints;
}

}  // namespace m2ds
