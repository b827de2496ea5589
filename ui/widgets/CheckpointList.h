#pragma once
#include <QFileInfoList>
#include <QStringList>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace m2ds {

/// The checkpoints of a training run, newest first: the folder's checkpoint-*.safetensors and those the log
/// announced (only files that still exist: the run keeps the last few). "Open in Inspect" or a double-click
/// asks for one to be opened.
class CheckpointList : public QWidget {
    Q_OBJECT
public:
    explicit CheckpointList(QWidget* parent = nullptr);

    /// Shows the checkpoints of the run in `directory` (forgets the announced ones of another run).
    void setDirectory(const QString& directory);
    /// Shows the checkpoints of a run on another machine: those its log announced, newest first (the folder
    /// cannot be scanned from here).
    void setRemoteDirectory(const QString& directory);
    /// A checkpoint the log announced; the list is scanned again.
    void addCheckpoint(const QString& path);
    /// Scans the folder again.
    void refresh();
    /// The listed files, newest first.
    QStringList paths() const;
    QListWidget* list() const { return list_; }

signals:
    void openRequested(const QString& path);

private:
    void openCurrent();
    /// The local files: the folder's and the announced ones that exist, newest first.
    QFileInfoList localFiles() const;

    QString directory_;
    QStringList announced_;
    bool remote_ = false;
    QListWidget* list_;
    QPushButton* open_;
};

}  // namespace m2ds
