#include "training/RemoteRunRegistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include "common/Errors.h"

namespace m2ds {

QJsonObject RemoteRunRecord::toJson() const {
    return {{"target", target}, {"directory", directory}, {"arguments", QJsonArray::fromStringList(arguments)},
            {"pid", pid}, {"job_id", jobId}, {"stderr_offset", stderrOffset}, {"launched", launched}};
}

RemoteRunRecord RemoteRunRecord::fromJson(const QJsonObject& json) {
    RemoteRunRecord record;
    record.target = json.value("target").toString();
    record.directory = json.value("directory").toString();
    for (const QJsonValue& value : json.value("arguments").toArray()) record.arguments << value.toString();
    record.pid = json.value("pid").toInteger();
    record.jobId = json.value("job_id").toString();
    record.stderrOffset = json.value("stderr_offset").toInteger();
    record.launched = json.value("launched").toDouble();
    return record;
}

RemoteRunRegistry::RemoteRunRegistry(QString path) : path_(std::move(path)) {
    if (path_.isEmpty())
        path_ = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("remote-runs.json"));
}

QVector<RemoteRunRecord> RemoteRunRegistry::load() const {
    QFile file(path_);
    QVector<RemoteRunRecord> records;
    if (!file.open(QIODevice::ReadOnly)) return records;
    for (const QJsonValue& value : QJsonDocument::fromJson(file.readAll()).object().value("runs").toArray())
        records << RemoteRunRecord::fromJson(value.toObject());
    return records;
}

void RemoteRunRegistry::put(const RemoteRunRecord& record) const {
    QVector<RemoteRunRecord> records = load();
    records.removeIf([&](const RemoteRunRecord& r) { return r.target == record.target && r.directory == record.directory; });
    records << record;
    save(records);
}

void RemoteRunRegistry::remove(const QString& target, const QString& directory) const {
    QVector<RemoteRunRecord> records = load();
    records.removeIf([&](const RemoteRunRecord& r) { return r.target == target && r.directory == directory; });
    save(records);
}

void RemoteRunRegistry::save(const QVector<RemoteRunRecord>& records) const {
    QJsonArray list;
    for (const RemoteRunRecord& record : records) list << record.toJson();
    QDir().mkpath(QFileInfo(path_).absolutePath());
    QSaveFile file(path_);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(QJsonObject{{"runs", list}}).toJson()) < 0 || !file.commit())
        throw OutputError(path_.toStdString(), file.errorString().toStdString());
}

}  // namespace m2ds
