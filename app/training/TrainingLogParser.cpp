#include "training/TrainingLogParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <limits>

namespace m2ds {
namespace {

/// A JSON number, NaN for anything else (the log writes NaN and infinities as null).
double number(const QJsonObject& o, const char* key) {
    const QJsonValue value = o.value(QLatin1String(key));
    return value.isDouble() ? value.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

TrainingStart startFrom(const QJsonObject& o) {
    TrainingStart start;
    start.time = o.value("time").toDouble();
    start.pid = o.value("pid").toInteger();
    start.worldSize = o.value("world_size").toInt(1);
    start.device = o.value("device").toString();
    start.stepsPerEpoch = o.value("steps_per_epoch").toInteger();
    start.totalIterations = o.value("total_iterations").toInteger();
    start.epochs = o.value("epochs").toInt();
    start.resumedFrom = o.value("resumed_from").toString();
    return start;
}

TrainingStep stepFrom(const QJsonObject& o) {
    TrainingStep step;
    step.time = o.value("time").toDouble();
    step.epoch = o.value("epoch").toInt();
    step.iteration = o.value("iteration").toInteger();
    step.loss = number(o, "loss");
    step.lossM2d = number(o, "l_m2d");
    step.lossOff = number(o, "l_off");
    step.learningRate = number(o, "lr");
    step.emaDecay = number(o, "ema");
    step.gradNorm = number(o, "grad_norm");
    step.samplesPerSecond = number(o, "samples_per_s");
    step.memoryMib = number(o, "memory_mib");
    step.elapsedSeconds = number(o, "elapsed_s");
    return step;
}

TrainingEnd endFrom(const QJsonObject& o) {
    return {o.value("status").toString(), o.value("message").toString(), o.value("iteration").toInteger(-1)};
}

}  // namespace

void TrainingLogParser::parseLines(const QByteArray& lines, TrainingLogBatch& batch) {
    for (const QByteArray& line : lines.split('\n'))
        if (!line.trimmed().isEmpty()) parseLine(line, batch);
}

void TrainingLogParser::parseLine(const QByteArray& line, TrainingLogBatch& batch) {
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    const QString event = o.value("event").toString();
    if (event.isEmpty()) {
        ++malformed_;  // not JSON, not an object, or no event
        return;
    }
    if (event == QLatin1String("step")) {
        batch.steps << stepFrom(o);
    } else if (event == QLatin1String("rankme")) {
        batch.rankMe << TrainingRankMe{o.value("epoch").toInt(), o.value("iteration").toInteger(), number(o, "rankme")};
    } else if (event == QLatin1String("checkpoint")) {
        batch.checkpoints << TrainingCheckpoint{o.value("epoch").toInt(), o.value("iteration").toInteger(), o.value("path").toString()};
    } else if (event == QLatin1String("start")) {
        lastStart_ = startFrom(o);
        batch.starts << *lastStart_;
        open_ = true;
    } else if (event == QLatin1String("end")) {
        lastEnd_ = endFrom(o);
        batch.ends << *lastEnd_;
        open_ = false;
    }  // an event this version does not know is skipped
}

void TrainingLogParser::restart() {
    open_ = false;
    lastStart_.reset();
    lastEnd_.reset();
}

}  // namespace m2ds
