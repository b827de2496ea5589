#pragma once
// What the Train page's "Probe checkpoints" panel draws: the probe accuracy of every chosen layer at every saved
// checkpoint of a training run, on one labelled set and one set of folds, with the log-mel baseline. Plain values.
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "views/ProbeResultsData.h"

namespace m2ds {

/// A checkpoint a run saved: `checkpoint-E.safetensors` (the end of epoch E) or `checkpoint-E-itN.safetensors` (a stop
/// inside epoch E after N iterations in all).
struct RunCheckpoint {
    QString path;        ///< absolute
    int epoch = -1;      ///< -1: a name of another form
    int iteration = -1;  ///< -1: the end of the epoch
    qint64 bytes = 0;         ///< file size
    qint64 modifiedMs = 0;    ///< modification time, ms since the epoch
    /// The same file, unchanged since: its probe scores still hold.
    bool sameFile(const RunCheckpoint& other) const { return path == other.path && bytes == other.bytes && modifiedMs == other.modifiedMs; }
    /// "3" (end of epoch 3), "3 it420" (inside epoch 3), else the file's base name: an axis tick.
    QString label() const {
        if (epoch < 0) return path.section(QLatin1Char('/'), -1).section(QLatin1Char('.'), 0, 0);
        return iteration < 0 ? QString::number(epoch) : QStringLiteral("%1 it%2").arg(epoch).arg(iteration);
    }
};

/// Accuracy (± std over folds) per checkpoint and layer.
struct RunProbeData {
    QString runFolder;
    std::vector<RunCheckpoint> checkpoints;  ///< in training order: the columns
    std::vector<int> layers;                 ///< the rows
    std::vector<ProbeScoreValue> scores;     ///< [checkpoints, layers] row-major
    ProbeScoreValue baseline;                ///< log-mel mean+std on the same folds
    QStringList labelNames;
    int recordings = 0;                      ///< recordings probed
    int skipped = 0;                         ///< recordings left out (unreadable)
    QStringList files;                       ///< the recordings probed, row order
    int probed = 0;                          ///< checkpoints this job probed (the others' scores were kept)

    /// The score of layer row `layerRow` at checkpoint column `checkpoint`.
    const ProbeScoreValue& at(int checkpoint, int layerRow) const {
        return scores[std::size_t(checkpoint) * layers.size() + std::size_t(layerRow)];
    }
    bool empty() const { return scores.empty(); }
};

using RunProbeDataPtr = std::shared_ptr<const RunProbeData>;

}  // namespace m2ds
