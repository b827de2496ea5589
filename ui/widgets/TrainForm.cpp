#include "widgets/TrainForm.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "training/TrainParameter.h"
#include "widgets/PathPicker.h"

namespace m2ds {
namespace {

const char* const kListFilter = "Data lists (*.csv *.tsv);;All files (*)";
const char* const kCheckpointFilter = "Checkpoints (*.pth *.pt *.safetensors);;All files (*)";
const QString kProblemStyle = QStringLiteral("QLineEdit, QComboBox { border: 1px solid #c62828; }");

void selectText(QComboBox* combo, const QString& text) {
    const int index = combo->findText(text);
    if (index >= 0) combo->setCurrentIndex(index);
    else if (combo->isEditable()) combo->setEditText(text);
}

}  // namespace

TrainForm::TrainForm(const QVector<TrainPreset>& presets, QWidget* parent)
    : QWidget(parent), presets_(presets), problems_(new QLabel(this)) {
    problems_->setObjectName(QStringLiteral("formProblems"));
    problems_->setWordWrap(true);
    problems_->setStyleSheet(QStringLiteral("color: #c62828;"));
    problems_->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createDataGroup());
    layout->addWidget(createModelGroup(presets));
    layout->addWidget(createParameterGroup(QStringLiteral("Schedule"), tr("Schedule")));
    layout->addWidget(createParameterGroup(QStringLiteral("M2D-S"), tr("M2D-S")));
    layout->addWidget(createRunGroup());
    layout->addWidget(problems_);
    setSettings(TrainSettings());  // the official defaults
}

QWidget* TrainForm::createDataGroup() {
    auto* group = new QGroupBox(tr("Data"), this);
    auto* form = new QFormLayout(group);
    speech_ = new PathPicker(PathPicker::Folder | PathPicker::File, tr(kListFilter), group);
    speech_->lineEdit()->setPlaceholderText(tr("folder, M2D .csv, fairseq .tsv or LibriSpeech tree"));
    noise_ = new PathPicker(PathPicker::Folder | PathPicker::File, tr(kListFilter), group);
    noise_->lineEdit()->setPlaceholderText(tr("optional: noise recordings (folder, .csv or .tsv)"));
    teacher_ = new QComboBox(group);
    teacher_->addItem(tr("MFCC"), "mfcc");
    teacher_->addItem(tr("Official .npz files (targets inside)"), "npz");
    teacher_->addItem(tr("Per-file .npy features (beside the audio, or in a folder)"), "npy");
    teacher_->addItem(tr("None (no offline loss)"), "none");
    teacher_->addItem(tr("A model checkpoint's layer"), "model");
    teacher_->addItem(tr("HuBERT / wav2vec 2.0 folder (the paper's: layer 9)"), "hubert");
    addField(form, tr("Speech"), "speech", speech_, withUploadButton(speech_, QStringLiteral("speech")));
    addField(form, tr("Noise"), "noise", noise_, withUploadButton(noise_, QStringLiteral("noise")));
    addField(form, tr("Teacher"), "teacher", teacher_);
    form->addRow(tr("Teacher files"), createTeacherFiles(group));
    connect(teacher_, &QComboBox::currentIndexChanged, this, &TrainForm::updateTeacherFields);
    updateTeacherFields();  // the first teacher's fields, before any change
    for (PathPicker* picker : {speech_, noise_}) connect(picker, &PathPicker::pathChanged, this, &TrainForm::edited);
    return group;
}

QWidget* TrainForm::withUploadButton(PathPicker* picker, const QString& field) {
    auto* row = new QWidget(picker->parentWidget());
    auto* upload = new QToolButton(row);
    upload->setObjectName(QStringLiteral("upload_") + field);
    upload->setText(tr("Upload…"));
    upload->setToolTip(tr("Copy a folder of this computer to the host (rsync, only what is new) and use its path there"));
    upload->setVisible(false);
    uploads_.insert(field, upload);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(picker, 1);
    layout->addWidget(upload);
    connect(upload, &QToolButton::clicked, this, [this, field] { emit uploadRequested(field); });
    return row;
}

QWidget* TrainForm::createTeacherFiles(QWidget* parent) {
    auto* files = new QWidget(parent);
    teacherPath_ = new PathPicker(PathPicker::Folder | PathPicker::File, tr(kCheckpointFilter), files);
    teacherPath_->setObjectName(QStringLiteral("teacherPath"));
    teacherLayer_ = new QSpinBox(files);
    teacherLayer_->setObjectName(QStringLiteral("teacherLayer"));
    teacherLayer_->setRange(-1, 99);
    teacherLayer_->setSpecialValueText(tr("default layer"));
    teacherLayer_->setValue(-1);
    auto* row = new QHBoxLayout(files);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(teacherPath_, 1);
    row->addWidget(teacherLayer_);
    connect(teacherPath_, &PathPicker::pathChanged, this, &TrainForm::edited);
    connect(teacherLayer_, &QSpinBox::valueChanged, this, &TrainForm::edited);
    return files;
}

QWidget* TrainForm::createModelGroup(const QVector<TrainPreset>& presets) {
    auto* group = new QGroupBox(tr("Model"), this);
    auto* form = new QFormLayout(group);
    preset_ = new QComboBox(group);
    for (const TrainPreset& preset : presets) preset_->addItem(preset.label, preset.name);
    inputSize_ = new QLineEdit(TrainSettings().inputSize, group);
    patchSize_ = new QLineEdit(TrainSettings().patchSize, group);
    addField(form, tr("Preset"), "model", preset_);
    addField(form, tr("Input size (mel bins × frames)"), "input_size", inputSize_);
    addField(form, tr("Patch size"), "patch_size", patchSize_);
    connect(preset_, &QComboBox::currentIndexChanged, this, &TrainForm::applyPreset);
    for (QLineEdit* edit : {inputSize_, patchSize_}) connect(edit, &QLineEdit::textChanged, this, &TrainForm::edited);
    applyPreset(preset_->currentIndex());
    return group;
}

QWidget* TrainForm::createParameterGroup(const QString& name, const QString& title) {
    auto* group = new QGroupBox(title, this);
    auto* form = new QFormLayout(group);
    for (const TrainParameter& parameter : TrainParameter::all()) {
        if (parameter.group != name) continue;
        auto* edit = new QLineEdit(parameter.defaultValue, group);
        edit->setToolTip(parameter.help);
        if (parameter.kind == TrainParameter::Kind::OptionalReal) edit->setPlaceholderText(parameter.help);
        numbers_.insert(parameter.flag, edit);
        addField(form, parameter.label, parameter.flag, edit);
        connect(edit, &QLineEdit::textChanged, this, &TrainForm::edited);
    }
    return group;
}

QWidget* TrainForm::createRunGroup() {
    QWidget* group = createParameterGroup(QStringLiteral("Run"), tr("Run"));
    auto* form = static_cast<QFormLayout*>(group->layout());
    device_ = new QComboBox(group);
    device_->setEditable(true);  // cuda:N
    device_->addItems({"auto", "cpu", "cuda"});
    amp_ = new QComboBox(group);
    amp_->addItems({"auto", "none", "bf16", "fp16"});
    output_ = new PathPicker(PathPicker::Folder, {}, group);
    output_->lineEdit()->setPlaceholderText(tr("checkpoints, log.jsonl and the prepared data go here"));
    addField(form, tr("Device"), "device", device_);
    addField(form, tr("Mixed precision"), "amp", amp_);
    addField(form, tr("Output folder"), "output_dir", output_);
    connect(device_, &QComboBox::currentTextChanged, this, &TrainForm::edited);
    connect(amp_, &QComboBox::currentTextChanged, this, &TrainForm::edited);
    connect(output_, &PathPicker::pathChanged, this, &TrainForm::edited);
    return group;
}

void TrainForm::addField(QFormLayout* form, const QString& label, const QString& flag, QWidget* widget, QWidget* row) {
    widget->setObjectName(flag);
    fields_.insert(flag, widget);
    form->addRow(label, row ? row : widget);
}

void TrainForm::applyPreset(int index) {
    if (index < 0 || index >= presets_.size()) return;
    inputSize_->setText(presets_[index].inputSize);
    patchSize_->setText(presets_[index].patchSize);
    emit edited();
}

void TrainForm::selectPreset(const QString& name, const QString& inputSize) {
    int match = -1;
    for (int i = 0; i < presets_.size(); ++i)
        if (presets_[i].name == name && (match < 0 || presets_[i].inputSize == inputSize)) match = i;
    if (match < 0) match = preset_->findData(name);  // not installed here, but offered already
    if (match < 0) {  // not installed here: keep the name the run was given
        preset_->addItem(name, name);
        match = preset_->count() - 1;
    }
    preset_->setCurrentIndex(match);
}

void TrainForm::updateTeacherFields() {
    const QString teacher = teacher_->currentData().toString();
    const bool modelLayer = teacher == QLatin1String("model") || teacher == QLatin1String("hubert");
    teacherPath_->setEnabled(modelLayer || teacher == QLatin1String("npy"));
    teacherPath_->lineEdit()->setPlaceholderText(teacher == QLatin1String("npy")      ? tr("optional: the features' folder")
                                                 : teacher == QLatin1String("hubert") ? tr("the Hugging Face model folder")
                                                                                      : tr("the teacher checkpoint"));
    teacherLayer_->setEnabled(modelLayer);
    emit edited();
}

TrainSettings TrainForm::settings() const {
    TrainSettings settings;
    settings.speech = settingsPath(speech_->path());
    settings.noise = settingsPath(noise_->path());
    settings.teacher = teacher_->currentData().toString();
    settings.teacherPath = settingsPath(teacherPath_->path());
    settings.teacherLayer = teacherLayer_->value();
    settings.model = preset_->currentIndex() >= 0 ? preset_->currentData().toString() : settings.model;
    settings.inputSize = inputSize_->text().trimmed();
    settings.patchSize = patchSize_->text().trimmed();
    settings.device = device_->currentText().trimmed();
    settings.amp = amp_->currentText();
    settings.outputDirectory = settingsPath(output_->path());
    for (auto it = numbers_.begin(); it != numbers_.end(); ++it) settings.numbers.insert(it.key(), it.value()->text().trimmed());
    return settings;
}

QString TrainForm::settingsPath(const QString& path) const {
    if (remotePaths_) return path.trimmed();
    return path.isEmpty() ? path : QFileInfo(path).absoluteFilePath();
}

void TrainForm::setRemotePaths(bool remote) {
    remotePaths_ = remote;
    for (PathPicker* picker : {speech_, noise_, teacherPath_, output_}) picker->setBrowsingEnabled(!remote);
    for (QToolButton* upload : std::as_const(uploads_)) upload->setVisible(remote);
    emit edited();
}

void TrainForm::setUploading(const QString& field) {
    for (auto it = uploads_.begin(); it != uploads_.end(); ++it) {
        it.value()->setText(it.key() == field ? tr("Cancel Upload") : tr("Upload…"));
        it.value()->setEnabled(field.isEmpty() || it.key() == field);
    }
}

void TrainForm::setDataPath(const QString& field, const QString& path) {
    if (auto* picker = qobject_cast<PathPicker*>(fields_.value(field))) picker->setPath(path);
}

void TrainForm::setSettings(const TrainSettings& settings) {
    speech_->setPath(settings.speech);
    noise_->setPath(settings.noise);
    teacher_->setCurrentIndex(qMax(0, teacher_->findData(settings.teacher)));
    teacherPath_->setPath(settings.teacherPath);
    teacherLayer_->setValue(settings.teacherLayer);
    selectPreset(settings.model, settings.inputSize);
    inputSize_->setText(settings.inputSize);
    patchSize_->setText(settings.patchSize);
    selectText(device_, settings.device);
    selectText(amp_, settings.amp);
    output_->setPath(settings.outputDirectory);
    for (auto it = numbers_.begin(); it != numbers_.end(); ++it) it.value()->setText(settings.number(it.key()));
}

void TrainForm::showProblems(const QVector<TrainSettingsProblem>& problems) {
    QStringList messages;
    QSet<QString> fields;
    for (const TrainSettingsProblem& problem : problems) {
        messages << problem.message;
        fields.insert(problem.field);
    }
    for (auto it = fields_.begin(); it != fields_.end(); ++it) it.value()->setStyleSheet(fields.contains(it.key()) ? kProblemStyle : QString());
    problems_->setText(messages.join(QLatin1Char('\n')));
    problems_->setVisible(!messages.isEmpty());
}

}  // namespace m2ds
