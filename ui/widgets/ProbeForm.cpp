#include "widgets/ProbeForm.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/PathPicker.h"

namespace m2ds {
namespace {

constexpr int kProgressSteps = 1000;
const char* const kCheckpointFilter = "M2D / M2D-S checkpoints (*.pth *.pt *.safetensors);;All files (*)";

QString megabytes(double bytes) {
    const double mb = bytes / 1e6;
    return QString::number(mb, 'f', mb < 10.0 ? 1 : 0);
}

}  // namespace

ProbeForm::ProbeForm(QWidget* parent)
    : QWidget(parent), source_(new PathPicker(PathPicker::Folder | PathPicker::File, tr("Labelled sets (*.csv);;All files (*)"))),
      pattern_(new QLineEdit), group_(new QLineEdit), layers_(new QLineEdit(QStringLiteral("all"))), pooling_(new QComboBox),
      folds_(new QSpinBox), loadedModel_(new QLabel), models_(new QListWidget), estimate_(new QPushButton(tr("Estimate"))),
      run_(new QPushButton(tr("Run"))), cancel_(new QPushButton(tr("Cancel"))), progress_(new QProgressBar), estimateText_(new QLabel),
      status_(new QLabel) {
    source_->setToolTip(tr("A folder with one sub-folder of recordings per label, or a CSV with columns file,label[,group]"));
    source_->lineEdit()->setPlaceholderText(tr("folder of label folders, or file,label[,group] CSV"));
    pattern_->setPlaceholderText(tr("optional regex, e.g. ^([a-z]+)_"));
    pattern_->setToolTip(tr("Takes each recording's label from its path under the folder (or its line in a list file): the "
                            "regex's first capture group. Files it does not match are left out."));
    group_->setPlaceholderText(tr("optional, e.g. speaker"));
    group_->setToolTip(tr("A column of the CSV whose values never straddle two folds, e.g. the speaker (default: a column "
                          "named group, if any)"));
    layers_->setToolTip(tr("Layers to probe: all, last, a range 0-12 or a list 3,6,9 (0 = patch embedding)"));
    folds_->setRange(2, 20);
    folds_->setValue(5);
    folds_->setToolTip(tr("Cross-validation folds; every label needs at least this many recordings (or groups)"));
    progress_->setRange(0, kProgressSteps);
    progress_->setValue(0);
    progress_->setTextVisible(false);
    for (QLabel* label : {loadedModel_, estimateText_, status_}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    estimateText_->setObjectName(QStringLiteral("probeEstimate"));
    status_->setObjectName(QStringLiteral("probeStatus"));

    auto* form = new QFormLayout;
    form->addRow(tr("Labelled set"), source_);
    form->addRow(tr("Path pattern"), pattern_);
    form->addRow(tr("Group column"), group_);
    form->addRow(tr("Layers"), layers_);
    form->addRow(tr("Pooling"), pooling_);
    form->addRow(tr("Folds"), folds_);
    form->addRow(tr("Models"), createModelList());
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(estimate_);
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(progress_);
    layout->addWidget(estimateText_);
    layout->addWidget(status_);
    layout->addStretch(1);

    connect(estimate_, &QPushButton::clicked, this, &ProbeForm::estimateRequested);
    connect(run_, &QPushButton::clicked, this, &ProbeForm::runRequested);
    connect(cancel_, &QPushButton::clicked, this, &ProbeForm::cancelRequested);
    connect(source_, &PathPicker::pathChanged, this, &ProbeForm::updateButtons);
    setLoadedModel({});
}

QWidget* ProbeForm::createModelList() {
    auto* box = new QWidget;
    auto* addFile = new QPushButton(tr("Add checkpoint…"));
    auto* addFolder = new QPushButton(tr("Add HuBERT folder…"));
    auto* remove = new QPushButton(tr("Remove"));
    models_->setMaximumHeight(90);
    models_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    models_->setToolTip(tr("Further M2D checkpoints or Hugging Face HuBERT / wav2vec 2.0 folders, probed on the same folds"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(addFile);
    buttons->addWidget(addFolder);
    buttons->addWidget(remove);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(loadedModel_);
    layout->addWidget(models_);
    layout->addLayout(buttons);
    connect(addFile, &QPushButton::clicked, this, [this] {
        addModels(QFileDialog::getOpenFileNames(this, tr("Add Checkpoints"), {}, tr(kCheckpointFilter)));
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a HuBERT / wav2vec 2.0 Folder"));
        if (!folder.isEmpty()) addModels({folder});
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(models_->selectedItems());
        updateButtons();
    });
    return box;
}

void ProbeForm::addModels(const QStringList& paths) {
    for (const QString& path : paths) {
        if (!models_->findItems(path, Qt::MatchExactly).isEmpty()) continue;
        auto* item = new QListWidgetItem(path, models_);
        item->setToolTip(path);
    }
    updateButtons();
}

ProbeRequest ProbeForm::request() const {
    ProbeRequest request;
    request.labelSource = source_->path();
    request.pathPattern = pattern_->text().trimmed();
    request.groupColumn = group_->text().trimmed();
    request.layers = layers_->text().trimmed();
    request.pooling = pooling_->currentText();
    request.folds = folds_->value();
    for (int row = 0; row < models_->count(); ++row) request.extraModels << models_->item(row)->text();
    return request;
}

void ProbeForm::setRequest(const ProbeRequest& request) {
    source_->setPath(request.labelSource);
    pattern_->setText(request.pathPattern);
    group_->setText(request.groupColumn);
    layers_->setText(request.layers);
    if (pooling_->findText(request.pooling) >= 0) pooling_->setCurrentText(request.pooling);
    folds_->setValue(request.folds);
    models_->clear();
    addModels(request.extraModels);
}

void ProbeForm::setPoolingChoices(const QStringList& names) {
    pooling_->clear();
    pooling_->addItems(names);
}

void ProbeForm::setLoadedModel(const QString& name) {
    hasLoadedModel_ = !name.isEmpty();
    loadedModel_->setText(hasLoadedModel_ ? tr("Loaded: %1").arg(name)
                                          : tr("No model loaded (File ▸ Open Model…): add a checkpoint below to probe it."));
    updateButtons();
}

void ProbeForm::showProgress(double fraction) {
    running_ = fraction >= 0.0;
    progress_->setValue(running_ ? int(fraction * kProgressSteps) : 0);
    updateButtons();
}

void ProbeForm::showEstimate(const ProbeEstimateData& estimate) {
    showProgress(-1.0);
    estimateText_->setText(tr("%1 recordings, %2 cached, ~%3 MB, ~%4 s of audio")
                               .arg(estimate.recordings).arg(estimate.cached).arg(megabytes(estimate.bytes))
                               .arg(QString::number(estimate.audioSeconds, 'f', 0)));
    estimateText_->setToolTip(tr("Labels: %1").arg(estimate.labelNames.join(", ")));
}

void ProbeForm::showStatus(const QString& text) {
    status_->setStyleSheet({});
    status_->setText(text);
}

void ProbeForm::showError(const QString& message) {
    showProgress(-1.0);
    status_->setStyleSheet(QStringLiteral("color: #c62828"));
    status_->setText(message);
}

QString ProbeForm::estimateText() const { return estimateText_->text(); }
QString ProbeForm::statusText() const { return status_->text(); }

void ProbeForm::updateButtons() {
    const bool ready = !source_->path().isEmpty() && (hasLoadedModel_ || models_->count() > 0);
    estimate_->setEnabled(ready && !running_);
    run_->setEnabled(ready && !running_);
    cancel_->setEnabled(running_);
}

}  // namespace m2ds
