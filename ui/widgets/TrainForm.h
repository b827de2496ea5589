#pragma once
#include <QHash>
#include <QVector>
#include <QWidget>

#include "training/TrainPresets.h"
#include "training/TrainSettings.h"
#include "training/TrainSettingsValidator.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace m2ds {

class PathPicker;

/// The settings of a training run: data (speech, optional noise, teacher), model preset and geometry, the
/// `m2ds train` hyper-parameters with the official defaults, device and the output folder. Problems found by
/// TrainSettingsValidator are listed under the form and their fields outlined.
class TrainForm : public QWidget {
    Q_OBJECT
public:
    /// presets: what the model combo offers (the first is selected).
    explicit TrainForm(const QVector<TrainPreset>& presets, QWidget* parent = nullptr);

    /// What the form holds, paths made absolute (with remote paths: as typed).
    TrainSettings settings() const;
    /// Paths are another machine's (a remote launch target): kept as typed, not made absolute here, the
    /// browse buttons, which show this computer's files, disabled, and "Upload…" offered beside the data fields.
    void setRemotePaths(bool remote);
    /// An upload into `field` ("speech" or "noise") is on its way: its Upload button offers to cancel it, the
    /// other one waits. Empty: none.
    void setUploading(const QString& field);
    /// Sets the path of a data field ("speech" or "noise").
    void setDataPath(const QString& field, const QString& path);
    /// The Upload button beside a data field ("speech" or "noise"), or null.
    QToolButton* uploadButton(const QString& field) const { return uploads_.value(field); }
    void setSettings(const TrainSettings& settings);
    /// Lists the problems and outlines their fields; an empty list clears them.
    void showProblems(const QVector<TrainSettingsProblem>& problems);
    /// The widget that edits `field` (a flag name, e.g. "speech", "batch_size"), or null.
    QWidget* field(const QString& field) const { return fields_.value(field); }
    PathPicker* outputPicker() const { return output_; }

signals:
    /// Any field changed.
    void edited();
    /// The Upload button of a data field ("speech" or "noise") was pressed (to start or to cancel an upload).
    void uploadRequested(const QString& field);

private:
    QWidget* createDataGroup();
    /// `picker` with an "Upload…" button after it (shown for remote paths only).
    QWidget* withUploadButton(PathPicker* picker, const QString& field);
    /// The teacher's checkpoint (and layer) or features folder.
    QWidget* createTeacherFiles(QWidget* parent);
    QWidget* createModelGroup(const QVector<TrainPreset>& presets);
    /// The numeric parameters of one TrainParameter group.
    QWidget* createParameterGroup(const QString& group, const QString& title);
    QWidget* createRunGroup();
    /// Names `widget` after `flag` and adds the row (`row` when the field sits in a larger one).
    void addField(QFormLayout* form, const QString& label, const QString& flag, QWidget* widget, QWidget* row = nullptr);
    void applyPreset(int index);
    /// The preset `name` of that input size, else of any size; added when not installed.
    void selectPreset(const QString& name, const QString& inputSize);
    void updateTeacherFields();
    /// `path` as settings() gives it: absolute, or as typed for remote paths.
    QString settingsPath(const QString& path) const;

    QVector<TrainPreset> presets_;
    PathPicker* speech_;
    PathPicker* noise_;
    QComboBox* teacher_;
    PathPicker* teacherPath_;
    QSpinBox* teacherLayer_;
    QComboBox* preset_;
    QLineEdit* inputSize_;
    QLineEdit* patchSize_;
    QComboBox* device_;
    QComboBox* amp_;
    PathPicker* output_;
    QHash<QString, QLineEdit*> numbers_;
    QHash<QString, QWidget*> fields_;
    QHash<QString, QToolButton*> uploads_;
    QLabel* problems_;
    bool remotePaths_ = false;
};

}  // namespace m2ds
