#include "session/RecordingListModel.h"

#include <QColor>
#include <QFileInfo>

namespace m2ds {

RecordingListModel::RecordingListModel(QObject* parent) : QAbstractListModel(parent) {}

int RecordingListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(entries_.size()); }

QVariant RecordingListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= entries_.size()) return {};
    const Entry& entry = entries_[index.row()];
    const QString name = QFileInfo(entry.path).fileName();
    switch (role) {
    case Qt::DisplayRole:
        if (entry.state == State::Loading) return tr("%1 — loading %2%").arg(name).arg(int(entry.progress * 100));
        if (entry.state == State::Failed) return tr("%1 — could not open").arg(name);
        return tr("%1 — %2 s").arg(name).arg(entry.data->durationSeconds(), 0, 'f', 1);
    case Qt::ToolTipRole:
        if (entry.state == State::Failed) return entry.message;
        if (entry.state == State::Ready) return entry.path + "\n" + entry.data->sourceDescription;
        return entry.path;
    case Qt::ForegroundRole:
        if (entry.state == State::Failed) return QColor(Qt::red);
        if (entry.state == State::Loading) return QColor(Qt::gray);
        return {};
    case StateRole: return int(entry.state);
    case ProgressRole: return entry.progress;
    case PathRole: return entry.path;
    case MessageRole: return entry.message;
    default: return {};
    }
}

int RecordingListModel::addLoading(const QString& path, int requestId) {
    const int row = int(entries_.size());
    beginInsertRows({}, row, row);
    entries_.push_back({path, requestId, State::Loading, 0.0, {}, nullptr});
    endInsertRows();
    return row;
}

int RecordingListModel::rowOfRequest(int requestId) const {
    for (int row = 0; row < entries_.size(); ++row)
        if (entries_[row].requestId == requestId) return row;
    return -1;
}

int RecordingListModel::rowOfPath(const QString& path) const {
    for (int row = 0; row < entries_.size(); ++row)
        if (entries_[row].path == path) return row;
    return -1;
}

void RecordingListModel::setProgress(int row, double fraction) {
    if (int(entries_[row].progress * 100) == int(fraction * 100)) return;
    entries_[row].progress = fraction;
    changed(row);
}

void RecordingListModel::setReady(int row, RecordingDataPtr data) {
    entries_[row].state = State::Ready;
    entries_[row].data = std::move(data);
    entries_[row].progress = 1.0;
    changed(row);
}

void RecordingListModel::setFailed(int row, const QString& message) {
    entries_[row].state = State::Failed;
    entries_[row].message = message;
    changed(row);
}

void RecordingListModel::removeRecording(int row) {
    beginRemoveRows({}, row, row);
    entries_.removeAt(row);
    endRemoveRows();
}

RecordingDataPtr RecordingListModel::recording(int row) const { return entries_.value(row).data; }

RecordingListModel::State RecordingListModel::state(int row) const { return entries_[row].state; }

int RecordingListModel::requestId(int row) const { return entries_[row].requestId; }

void RecordingListModel::changed(int row) {
    const QModelIndex changedIndex = index(row);
    emit dataChanged(changedIndex, changedIndex);
}

}  // namespace m2ds
