#include "training/LaunchTargetStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include "common/Errors.h"

namespace m2ds {

LaunchTargetStore::LaunchTargetStore(QString path) : path_(std::move(path)) {
    if (path_.isEmpty())
        path_ = QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).filePath(QStringLiteral("launch-targets.json"));
}

QVector<LaunchTarget> LaunchTargetStore::load() const {
    QFile file(path_);
    if (!file.open(QIODevice::ReadOnly)) return {};
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw InputError(path_.toStdString(), "not a launch target list (" + error.errorString().toStdString() + ")");
    const QJsonArray list = document.object().value("targets").toArray();
    QVector<LaunchTarget> targets;
    for (const QJsonValue& value : list) targets << LaunchTarget::fromJson(value.toObject());
    return targets;
}

void LaunchTargetStore::save(const QVector<LaunchTarget>& targets) const {
    QJsonArray list;
    for (const LaunchTarget& target : targets) list << target.toJson();
    QDir().mkpath(QFileInfo(path_).absolutePath());
    QSaveFile file(path_);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(QJsonObject{{"targets", list}}).toJson()) < 0 || !file.commit())
        throw OutputError(path_.toStdString(), file.errorString().toStdString());
}

LaunchTarget LaunchTargetStore::find(const QString& name) const {
    for (const LaunchTarget& target : load())
        if (target.name == name) return target;
    return {};
}

}  // namespace m2ds
