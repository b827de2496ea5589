#pragma once
// What the Probe page asks for, in the form's terms (plain Qt values; ProbeJob turns them into core's settings).
#include <QString>
#include <QStringList>

namespace m2ds {

struct ProbeRequest {
    QString labelSource;      ///< a folder (one sub-folder per label) or a CSV `file,label[,group]`
    QString pathPattern;      ///< optional regex whose first capture group is each path's label
    QString groupColumn;      ///< optional CSV column keeping a group (speaker) inside one fold
    QString layers = QStringLiteral("all");   ///< all | last | 0-12 | 3,6 …
    QString pooling = QStringLiteral("mean"); ///< mean | mean+std | max | first | last
    int folds = 5;
    QStringList extraModels;  ///< further checkpoints or HuBERT folders probed alongside the loaded model
};

}  // namespace m2ds
