#pragma once
#include <QAbstractListModel>
#include <QVector>

#include "views/RecordingData.h"

namespace m2ds {

/// The recordings open in the workbench, each loading, ready or failed (with its message).
class RecordingListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class State { Loading, Ready, Failed };
    enum Role { StateRole = Qt::UserRole + 1, ProgressRole, PathRole, MessageRole };

    explicit RecordingListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    /// Adds a row in the Loading state; returns its row.
    int addLoading(const QString& path, int requestId);
    /// Row of the request, or -1.
    int rowOfRequest(int requestId) const;
    /// Row showing `path` (any state), or -1.
    int rowOfPath(const QString& path) const;
    void setProgress(int row, double fraction);
    void setReady(int row, RecordingDataPtr data);
    void setFailed(int row, const QString& message);
    void removeRecording(int row);

    RecordingDataPtr recording(int row) const;
    State state(int row) const;
    int requestId(int row) const;

private:
    struct Entry {
        QString path;
        int requestId = -1;
        State state = State::Loading;
        double progress = 0.0;
        QString message;
        RecordingDataPtr data;
    };
    void changed(int row);

    QVector<Entry> entries_;
};

}  // namespace m2ds
