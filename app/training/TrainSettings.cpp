#include "training/TrainSettings.h"

#include <QRegularExpression>

#include "training/TrainParameter.h"

namespace m2ds {
namespace {

/// mfcc | npz | npy[:FOLDER] | none | model:CKPT[:LAYER] | hubert:DIR[:LAYER]
QString teacherArgument(const TrainSettings& settings) {
    if (settings.teacher == QLatin1String("npy") && !settings.teacherPath.isEmpty()) return QStringLiteral("npy:") + settings.teacherPath;
    if (!settings.teacherIsModel()) return settings.teacher;
    QString argument = settings.teacher + QLatin1Char(':') + settings.teacherPath;
    if (settings.teacherLayer >= 0) argument += QLatin1Char(':') + QString::number(settings.teacherLayer);
    return argument;
}

void setTeacher(TrainSettings& settings, const QString& argument) {
    const qsizetype colon = argument.indexOf(QLatin1Char(':'));
    settings.teacher = argument.left(colon);
    settings.teacherPath = colon < 0 ? QString() : argument.mid(colon + 1);
    if (!settings.teacherIsModel()) return;
    const QRegularExpressionMatch layer = QRegularExpression(QStringLiteral(":(\\d+)$")).match(settings.teacherPath);
    if (!layer.hasMatch()) return;
    settings.teacherLayer = layer.captured(1).toInt();
    settings.teacherPath.chop(layer.capturedLength());
}

}  // namespace

bool TrainSettings::teacherIsModel() const { return teacher == QLatin1String("model") || teacher == QLatin1String("hubert"); }

QString TrainSettings::number(const QString& flag) const {
    if (numbers.contains(flag)) return numbers.value(flag).trimmed();
    const TrainParameter* parameter = TrainParameter::find(flag);
    return parameter ? parameter->defaultValue : QString();
}

QStringList TrainSettings::arguments() const {
    QStringList list{QStringLiteral("train"), "--speech", speech};
    if (!noise.isEmpty()) list << "--noise" << noise;
    list << "--output_dir" << outputDirectory << "--teacher" << teacherArgument(*this) << "--model" << model << "--input_size"
         << inputSize.trimmed() << "--patch_size" << patchSize.trimmed() << "--device" << device << "--amp" << amp;
    for (const TrainParameter& parameter : TrainParameter::all()) {
        const QString value = number(parameter.flag);
        if (!value.isEmpty()) list << QStringLiteral("--") + parameter.flag << value;
    }
    return list;
}

TrainSettings TrainSettings::fromArguments(const QStringList& arguments) {
    TrainSettings settings;
    for (int i = 0; i + 1 < arguments.size(); ++i) {
        if (!arguments[i].startsWith(QLatin1String("--"))) continue;
        const QString flag = arguments[i].mid(2);
        const QString value = arguments[++i];
        if (flag == QLatin1String("speech")) settings.speech = value;
        else if (flag == QLatin1String("noise")) settings.noise = value;
        else if (flag == QLatin1String("output_dir")) settings.outputDirectory = value;
        else if (flag == QLatin1String("teacher")) setTeacher(settings, value);
        else if (flag == QLatin1String("model")) settings.model = value;
        else if (flag == QLatin1String("input_size")) settings.inputSize = value;
        else if (flag == QLatin1String("patch_size")) settings.patchSize = value;
        else if (flag == QLatin1String("device")) settings.device = value;
        else if (flag == QLatin1String("amp")) settings.amp = value;
        else if (TrainParameter::find(flag)) settings.numbers.insert(flag, value);
    }
    return settings;
}

QStringList TrainSettings::withResumeAuto(QStringList arguments) {
    const qsizetype at = arguments.indexOf(QStringLiteral("--resume"));
    if (at >= 0 && at + 1 < arguments.size()) arguments.remove(at, 2);
    return arguments << QStringLiteral("--resume") << QStringLiteral("auto");
}

}  // namespace m2ds
