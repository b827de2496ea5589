#include "session/RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace m2ds {

RecentFiles::RecentFiles(QString settingsKey, int capacity) : key_(std::move(settingsKey)), capacity_(capacity) {}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = QSettings().value(key_).toStringList();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > capacity_) list.removeLast();
    QSettings().setValue(key_, list);
}

QStringList RecentFiles::paths() const {
    QStringList existing;
    for (const QString& path : QSettings().value(key_).toStringList())
        if (QFileInfo::exists(path)) existing << path;
    return existing;
}

void RecentFiles::clear() { QSettings().remove(key_); }

}  // namespace m2ds
