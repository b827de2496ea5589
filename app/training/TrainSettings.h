#pragma once
#include <QMap>
#include <QString>
#include <QStringList>

namespace m2ds {

/// What the Train form describes: one `m2ds train` command. Numbers stay text, exactly as typed, so what
/// the user sees is what the run receives; TrainSettingsValidator says whether they make sense.
struct TrainSettings {
    QString speech;                  ///< folder, M2D .csv, fairseq .tsv or LibriSpeech tree
    QString noise;                   ///< optional: background noise mixed into the student's input
    QString teacher = QStringLiteral("mfcc");  ///< mfcc, npz, npy, none, model or hubert
    QString teacherPath;             ///< model: the checkpoint; hubert: the HF folder; npy: the features' folder (empty = beside the audio)
    int teacherLayer = -1;           ///< model, hubert: the layer; -1 = the run's default (HuBERT: 9)
    QString model = QStringLiteral("m2d_s_vit_base");  ///< preset name (models/presets)
    QString inputSize = QStringLiteral("80x608");
    QString patchSize = QStringLiteral("80x2");
    QString device = QStringLiteral("auto");
    QString amp = QStringLiteral("auto");
    QString outputDirectory;
    QMap<QString, QString> numbers;  ///< TrainParameter flag -> value; a missing flag takes its default

    /// True for the teachers that are a model layer (model:CKPT[:LAYER], hubert:DIR[:LAYER]).
    bool teacherIsModel() const;
    /// The value of a numeric flag: as set, else the parameter's default.
    QString number(const QString& flag) const;
    /// "train" followed by every flag (an empty noise source and empty optional numbers left out).
    QStringList arguments() const;
    /// The settings of a `train` argument list (as arguments() makes them; --resume and --dry_run are ignored).
    static TrainSettings fromArguments(const QStringList& arguments);
    /// `arguments` with any --resume VALUE replaced by `--resume auto` (continue from the folder's last checkpoint).
    static QStringList withResumeAuto(QStringList arguments);
};

}  // namespace m2ds
