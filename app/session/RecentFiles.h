#pragma once
#include <QStringList>

namespace m2ds {

/// Most-recently-opened recordings, newest first, kept in QSettings (a UI preference).
class RecentFiles {
public:
    /// settingsKey: the QSettings key holding the list.
    explicit RecentFiles(QString settingsKey = QStringLiteral("recentRecordings"), int capacity = 10);

    /// Moves `path` to the front (adding it if new) and saves.
    void add(const QString& path);
    /// Stored paths that still exist, newest first.
    QStringList paths() const;
    void clear();

private:
    QString key_;
    int capacity_;
};

}  // namespace m2ds
