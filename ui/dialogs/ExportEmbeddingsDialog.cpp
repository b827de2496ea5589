#include "dialogs/ExportEmbeddingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "jobs/ClipPoolingNames.h"
#include "jobs/EmbeddingExportService.h"
#include "widgets/EncoderChoice.h"
#include "widgets/PathPicker.h"

namespace m2ds {
namespace {

constexpr int kProgressSteps = 1000;

/// What the format combo shows for each of core's format names.
QString describeFormat(const QString& name) {
    if (name == QLatin1String("csv")) return ExportEmbeddingsDialog::tr("CSV table (.csv)");
    if (name == QLatin1String("npy")) return ExportEmbeddingsDialog::tr("NumPy array + index CSV (.npy)");
    if (name == QLatin1String("projector")) return ExportEmbeddingsDialog::tr("TensorBoard projector (a folder)");
    return name;
}

}  // namespace

ExportEmbeddingsDialog::ExportEmbeddingsDialog(EmbeddingExportService& service, const QStringList& openRecordings, const QString& modelName,
                                               QWidget* parent)
    : QDialog(parent), service_(service), openRecordings_(openRecordings), encoder_(new EncoderChoice),
      fromOpen_(new QRadioButton(tr("The %n open recording(s)", "", int(openRecordings.size())))), fromSet_(new QRadioButton(tr("A labelled set"))),
      labelSource_(new PathPicker(PathPicker::Folder | PathPicker::File, tr("Labelled sets (*.csv *.txt);;All files (*)"))),
      pattern_(new QLineEdit), layers_(new QLineEdit(QStringLiteral("last"))), level_(new QComboBox), pooling_(new QComboBox),
      format_(new QComboBox), output_(new PathPicker(PathPicker::Folder | PathPicker::SaveFile, tr("Embeddings (*.csv *.npy);;All files (*)"))),
      progress_(new QProgressBar), status_(new QLabel), export_(new QPushButton(tr("Export"))), cancel_(new QPushButton(tr("Cancel"))) {
    setWindowTitle(tr("Export Embeddings"));
    setObjectName(QStringLiteral("exportEmbeddingsDialog"));
    encoder_->setLoadedModel(modelName);
    level_->addItem(tr("Frames (one row per 20 ms frame)"), false);
    level_->addItem(tr("Clips (one pooled row per recording)"), true);
    pooling_->addItems(clipPoolingNames());
    for (const QString& name : EmbeddingExportService::formatNames()) format_->addItem(describeFormat(name), name);
    output_->lineEdit()->setPlaceholderText(tr("OUT.csv, OUT.npy or a projector folder; the sidecar OUT.json goes beside it"));
    progress_->setRange(0, kProgressSteps);
    progress_->setTextVisible(false);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setText(modelName.isEmpty()
                         ? tr("Load a model (File ▸ Open Model…) or choose a HuBERT / wav2vec 2.0 folder: the embeddings are its layers.")
                         : tr("Model: %1").arg(modelName));

    auto* form = new QFormLayout;
    form->addRow(tr("Model"), encoder_);
    form->addRow(tr("Recordings"), createSource());
    form->addRow(tr("Layers"), layers_);
    form->addRow(tr("Rows"), level_);
    form->addRow(tr("Clip pooling"), pooling_);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Output"), output_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(export_, QDialogButtonBox::ActionRole);
    buttons->addButton(cancel_, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    resize(640, sizeHint().height());

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::rejected, this, [this] {
        if (running_) service_.cancel();  // closing the dialog drops its export
    });
    connect(export_, &QPushButton::clicked, this, &ExportEmbeddingsDialog::startExport);
    connect(cancel_, &QPushButton::clicked, &service_, &EmbeddingExportService::cancel);
    for (QComboBox* combo : {level_, format_}) connect(combo, &QComboBox::currentIndexChanged, this, &ExportEmbeddingsDialog::updateControls);
    connect(fromSet_, &QRadioButton::toggled, this, &ExportEmbeddingsDialog::updateControls);
    connect(encoder_, &EncoderChoice::changed, this, &ExportEmbeddingsDialog::updateControls);
    connect(encoder_, &EncoderChoice::sourceChanged, this, &ExportEmbeddingsDialog::showLayerHelp);
    connect(labelSource_, &PathPicker::pathChanged, this, &ExportEmbeddingsDialog::updateControls);
    connect(output_, &PathPicker::pathChanged, this, &ExportEmbeddingsDialog::updateControls);
    connect(&service_, &EmbeddingExportService::progress, this, [this](double fraction) { progress_->setValue(int(fraction * kProgressSteps)); });
    connect(&service_, &EmbeddingExportService::exported, this, [this](const QString& summary) {
        progress_->setValue(kProgressSteps);
        showEnd(summary, false);
    });
    connect(&service_, &EmbeddingExportService::failed, this, [this](const QString& message) { showEnd(message, true); });
    connect(&service_, &EmbeddingExportService::cancelled, this, [this] { showEnd(tr("Cancelled: nothing was written."), false); });
    (openRecordings_.isEmpty() ? fromSet_ : fromOpen_)->setChecked(true);
    fromOpen_->setEnabled(!openRecordings_.isEmpty());
    showLayerHelp();
    showRunning(false);
}

QWidget* ExportEmbeddingsDialog::createSource() {
    auto* box = new QWidget;
    pattern_->setPlaceholderText(tr("optional regex whose first group is the label, e.g. ^([a-z]+)_"));
    auto* set = new QFormLayout;
    set->addRow(tr("Set"), labelSource_);
    set->addRow(tr("Path pattern"), pattern_);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(fromOpen_);
    layout->addWidget(fromSet_);
    layout->addLayout(set);
    return box;
}

EmbeddingExportRequest ExportEmbeddingsDialog::request() const {
    EmbeddingExportRequest request;
    request.hubertFolder = encoder_->hubertFolder();
    if (fromSet_->isChecked()) {
        request.labelSource = labelSource_->path();
        request.pathPattern = pattern_->text().trimmed();
    } else {
        request.recordings = openRecordings_;
    }
    request.layers = layers_->text().trimmed();
    request.clipLevel = level_->currentData().toBool();
    request.pooling = pooling_->currentText();
    request.format = format_->currentData().toString();
    request.output = output_->path();
    return request;
}

void ExportEmbeddingsDialog::setRequest(const EmbeddingExportRequest& request) {
    encoder_->setHubertFolder(request.hubertFolder);
    (request.labelSource.isEmpty() && fromOpen_->isEnabled() ? fromOpen_ : fromSet_)->setChecked(true);
    labelSource_->setPath(request.labelSource);
    pattern_->setText(request.pathPattern);
    layers_->setText(request.layers);
    level_->setCurrentIndex(request.clipLevel ? 1 : 0);
    if (pooling_->findText(request.pooling) >= 0) pooling_->setCurrentText(request.pooling);
    const int format = format_->findData(request.format);
    if (format >= 0) format_->setCurrentIndex(format);
    output_->setPath(request.output);
    updateControls();
}

QString ExportEmbeddingsDialog::statusText() const { return status_->text(); }

void ExportEmbeddingsDialog::showLayerHelp() {
    layers_->setToolTip(tr("all, last, a range 0-12 or a list 3,6,9 (%1)").arg(encoder_->layerMeaning()));
}

void ExportEmbeddingsDialog::startExport() {
    showStatus(tr("Exporting…"), false);
    progress_->setValue(0);
    showRunning(true);
    service_.start(request());
}

void ExportEmbeddingsDialog::showRunning(bool running) {
    running_ = running;
    updateControls();
}

void ExportEmbeddingsDialog::showEnd(const QString& text, bool error) {
    if (error) progress_->setValue(0);
    showStatus(text, error);
    showRunning(false);
}

void ExportEmbeddingsDialog::showStatus(const QString& text, bool error) {
    status_->setStyleSheet(error ? QStringLiteral("color: #c62828") : QString());
    status_->setText(text);
}

void ExportEmbeddingsDialog::updateControls() {
    const bool fromSet = fromSet_->isChecked();
    labelSource_->setEnabled(fromSet && !running_);
    pattern_->setEnabled(fromSet && !running_);
    pooling_->setEnabled(level_->currentData().toBool() && !running_);
    encoder_->setEnabled(!running_);
    const bool ready = encoder_->isReady() && !output_->path().isEmpty() && (fromSet ? !labelSource_->path().isEmpty() : !openRecordings_.isEmpty());
    export_->setEnabled(ready && !running_);
    cancel_->setEnabled(running_);
}

}  // namespace m2ds
