#include "training/TrainSettingsValidator.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QObject>
#include <QRegularExpression>
#include <cmath>

#include "model/ModelConfig.h"
#include "train/TrainConfig.h"
#include "train/TrainOption.h"
#include "training/TrainParameter.h"

namespace m2ds::TrainSettingsValidator {
namespace {

using Problems = QVector<TrainSettingsProblem>;

void checkSource(const QString& field, const QString& label, const QString& path, bool required, bool local, Problems& problems) {
    const QFileInfo info(path);
    if (path.trimmed().isEmpty() && !required) return;
    if (path.trimmed().isEmpty())
        problems.push_back({field, QObject::tr("%1: choose a folder, an M2D .csv or a fairseq .tsv.").arg(label)});
    else if (!local)
        return;
    else if (!info.exists())
        problems.push_back({field, QObject::tr("%1: %2 does not exist.").arg(label, path)});
    else if (info.isFile() && info.suffix().compare("csv", Qt::CaseInsensitive) != 0 && info.suffix().compare("tsv", Qt::CaseInsensitive) != 0)
        problems.push_back({field, QObject::tr("%1: %2 is neither a folder nor a .csv / .tsv list.").arg(label, path)});
}

void checkTeacher(const TrainSettings& settings, bool local, Problems& problems) {
    static const QStringList kinds{"mfcc", "npz", "npy", "none", "model", "hubert"};
    if (!kinds.contains(settings.teacher)) {
        problems.push_back({"teacher", QObject::tr("Teacher: unknown kind \"%1\".").arg(settings.teacher)});
        return;
    }
    if (!local) {
        if (settings.teacherIsModel() && settings.teacherPath.trimmed().isEmpty())
            problems.push_back({"teacher", QObject::tr("Teacher: give the teacher's path on the host.")});
        return;
    }
    if (settings.teacher == QLatin1String("npy") && !settings.teacherPath.isEmpty() && !QFileInfo(settings.teacherPath).isDir())
        problems.push_back({"teacher", QObject::tr("Teacher features: %1 is not a folder.").arg(settings.teacherPath)});
    if (settings.teacher == QLatin1String("hubert") && !QFileInfo(QDir(settings.teacherPath).filePath("config.json")).isFile())
        problems.push_back({"teacher", QObject::tr("Teacher HuBERT: choose a Hugging Face model folder (config.json + weights).")});
    if (settings.teacher != QLatin1String("model")) return;
    static const QRegularExpression checkpoint(QStringLiteral("\\.(pth|pt|safetensors)$"), QRegularExpression::CaseInsensitiveOption);
    if (!QFileInfo(settings.teacherPath).isFile())
        problems.push_back({"teacher", QObject::tr("Teacher model: choose an existing checkpoint file.")});
    else if (!checkpoint.match(settings.teacherPath).hasMatch())
        problems.push_back({"teacher", QObject::tr("Teacher model: %1 is not a .pth, .pt or .safetensors file.").arg(settings.teacherPath)});
}

/// "80x608" -> {80, 608} by core's own rule (what m2ds train accepts); {0, 0} when malformed.
QPair<int, int> parseSize(const QString& text) {
    try {
        const auto [bins, frames] = ModelConfig::parseSize(text.toStdString(), "size");
        return qMakePair(bins, frames);
    } catch (const std::exception&) {
        return qMakePair(0, 0);
    }
}

void checkGeometry(const TrainSettings& settings, Problems& problems) {
    const QPair<int, int> input = parseSize(settings.inputSize);
    const QPair<int, int> patch = parseSize(settings.patchSize);
    if (input.first <= 0 || input.second <= 0)
        problems.push_back({"input_size", QObject::tr("Input size: write mel bins × frames, e.g. 80x608.")});
    if (patch.first <= 0 || patch.second <= 0)
        problems.push_back({"patch_size", QObject::tr("Patch size: write mel bins × frames, e.g. 80x2.")});
    if (input.first <= 0 || input.second <= 0 || patch.first <= 0 || patch.second <= 0) return;
    if (input.first % patch.first != 0 || input.second % patch.second != 0)
        problems.push_back({"patch_size", QObject::tr("Patch size: %1 does not divide the input %2 into whole patches.")
                                              .arg(settings.patchSize.trimmed(), settings.inputSize.trimmed())});
}

void checkNumber(const TrainParameter& parameter, const QString& text, Problems& problems) {
    if (text.isEmpty() && parameter.kind == TrainParameter::Kind::OptionalReal) return;
    const bool integer = parameter.kind == TrainParameter::Kind::Integer;
    bool ok = false;
    const double value = integer ? double(text.toLongLong(&ok)) : QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(value))
        problems.push_back({parameter.flag, QObject::tr("%1: \"%2\" is not %3.").arg(parameter.label, text,
                                              integer ? QObject::tr("a whole number") : QObject::tr("a number"))});
    else if (const QString problem = parameter.problemWith(value); !problem.isEmpty())
        problems.push_back({parameter.flag, QObject::tr("%1: %2.").arg(parameter.label, problem)});  // core's own words
}

/// What core checks across fields (warm-up within the epochs, not both losses 0), in core's words.
void checkAcrossFields(const TrainSettings& settings, Problems& problems) {
    TrainConfig config;
    config.speech = "-";
    config.outputDir = "-";
    for (const TrainParameter& parameter : TrainParameter::all()) {
        const QString text = settings.number(parameter.flag);
        if (text.isEmpty() && parameter.kind == TrainParameter::Kind::OptionalReal) continue;  // derived by the run
        bool ok = false;
        const double value = QLocale::c().toDouble(text, &ok);
        if (!ok || !parameter.problemWith(value).isEmpty()) return;  // reported field by field
        TrainOption::all()[std::size_t(parameter.option)].setIn(config, value);
    }
    try {
        config.validate();
    } catch (const std::exception& error) {
        const QString message = QString::fromUtf8(error.what());
        const QString flag = message.section(':', 0, 0);
        problems.push_back({TrainParameter::find(flag) ? flag : QStringLiteral("numbers"), message + "."});
    }
}

void checkDevice(const TrainSettings& settings, Problems& problems) {
    static const QRegularExpression device(QStringLiteral("^(auto|cpu|cuda|cuda:\\d+)$"));
    if (!device.match(settings.device).hasMatch())
        problems.push_back({"device", QObject::tr("Device: \"%1\" is not auto, cpu, cuda or cuda:N.").arg(settings.device)});
    if (!QStringList{"auto", "none", "bf16", "fp16"}.contains(settings.amp))
        problems.push_back({"amp", QObject::tr("Mixed precision: \"%1\" is not auto, none, bf16 or fp16.").arg(settings.amp)});
}

/// The folder itself when it exists, else its nearest existing ancestor (where it would be created).
QFileInfo existingFolderOrAncestor(const QString& path) {
    QFileInfo info(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    while (!info.exists() && !info.isRoot()) info = QFileInfo(info.absolutePath());
    return info;
}

void checkOutput(const TrainSettings& settings, Purpose purpose, Problems& problems) {
    const QString path = settings.outputDirectory.trimmed();
    if (path.isEmpty()) {
        problems.push_back({"output_dir", QObject::tr("Output folder: choose where checkpoints and the log go.")});
        return;
    }
    if (purpose == Purpose::RemoteRun) return;
    const QFileInfo target = existingFolderOrAncestor(path);
    if (!target.isDir())
        problems.push_back({"output_dir", QObject::tr("Output folder: %1 is a file.").arg(target.filePath())});
    else if (!target.isWritable())
        problems.push_back({"output_dir", QObject::tr("Output folder: %1 is not writable.").arg(target.filePath())});
    else if (purpose == Purpose::NewRun && QFileInfo::exists(QDir(path).filePath("log.jsonl")))
        problems.push_back({"output_dir", QObject::tr("Output folder: %1 already holds a training run; resume it, or choose another folder.").arg(path)});
}

}  // namespace

QVector<TrainSettingsProblem> check(const TrainSettings& settings, Purpose purpose) {
    Problems problems;
    const bool local = purpose != Purpose::RemoteRun;
    checkSource("speech", QObject::tr("Speech"), settings.speech, true, local, problems);
    checkSource("noise", QObject::tr("Noise"), settings.noise, false, local, problems);
    checkTeacher(settings, local, problems);
    if (settings.model.trimmed().isEmpty()) problems.push_back({"model", QObject::tr("Model: choose a preset.")});
    checkGeometry(settings, problems);
    for (const TrainParameter& parameter : TrainParameter::all()) checkNumber(parameter, settings.number(parameter.flag), problems);
    checkAcrossFields(settings, problems);
    checkDevice(settings, problems);
    checkOutput(settings, purpose, problems);
    return problems;
}

}  // namespace m2ds::TrainSettingsValidator
