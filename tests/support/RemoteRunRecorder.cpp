#include "RemoteRunRecorder.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace m2ds::test {

QList<qint64> loggedIterations(const QString& log) {
    QFile file(log);
    QList<qint64> iterations;
    if (!file.open(QIODevice::ReadOnly)) return iterations;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        if (record.value("event").toString() == "step") iterations << record.value("iteration").toInteger();
    }
    return iterations;
}

RemoteRunRecorder::RemoteRunRecorder(RemoteRun& run) {
    QObject::connect(&run, &RemoteRun::recordsRead, [this](const TrainingLogBatch& batch) {
        for (const TrainingStep& step : batch.steps) iterations << step.iteration;
        for (const TrainingCheckpoint& c : batch.checkpoints) checkpoints << c.path;
        starts += batch.starts;
    });
    QObject::connect(&run, &RemoteRun::stateChanged, [this](RemoteRun::State state) { states << state; });
    QObject::connect(&run, &RemoteRun::ended, [this](const TrainingEnd& end) { ends << end; });
    QObject::connect(&run, &RemoteRun::launchFailed, [this](const QString& message) { failures << message; });
}

}  // namespace m2ds::test
