#include "dialogs/RunProbeDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "jobs/ClipPoolingNames.h"
#include "jobs/RunProbeService.h"
#include "plots/RunProbeHeatMap.h"
#include "widgets/PathPicker.h"
#include "widgets/PlotFrame.h"

namespace m2ds {
namespace {

constexpr int kProgressSteps = 1000;

/// "1 checkpoint", "3 checkpoints".
QString counted(int count, const QString& one, const QString& many) { return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? one : many); }

}  // namespace

RunProbeDialog::RunProbeDialog(RunProbeService& service, QWidget* parent)
    : QDialog(parent), service_(service), folder_(new QLabel),
      labelSource_(new PathPicker(PathPicker::Folder | PathPicker::File, tr("Labelled sets (*.csv *.txt);;All files (*)"))),
      pattern_(new QLineEdit), layers_(new QLineEdit(QStringLiteral("all"))), pooling_(new QComboBox), folds_(new QSpinBox),
      progress_(new QProgressBar), status_(new QLabel), heatMap_(new RunProbeHeatMap), probe_(new QPushButton(tr("Probe"))),
      cancel_(new QPushButton(tr("Cancel"))) {
    setWindowTitle(tr("Probe checkpoints"));
    setObjectName(QStringLiteral("runProbeDialog"));
    progress_->setRange(0, kProgressSteps);
    progress_->setTextVisible(false);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(probe_, QDialogButtonBox::ActionRole);
    buttons->addButton(cancel_, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createSettings());
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(new PlotFrame(tr("Probe accuracy across the run"), heatMap_), 1);
    layout->addWidget(buttons);
    resize(760, 640);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::rejected, this, [this] {
        if (service_.isFollowing()) service_.cancel();  // closing the panel stops probing the run
    });
    connect(probe_, &QPushButton::clicked, this, &RunProbeDialog::startProbe);
    connect(cancel_, &QPushButton::clicked, &service_, &RunProbeService::cancel);
    connect(labelSource_, &PathPicker::pathChanged, this, &RunProbeDialog::updateControls);
    connect(&service_, &RunProbeService::started, this, [this](int checkpoints) {
        running_ = true;
        showStatus(tr("Probing %1…").arg(counted(checkpoints, tr("checkpoint"), tr("checkpoints"))), false);
        updateControls();
    });
    connect(&service_, &RunProbeService::progress, this, [this](double fraction) { progress_->setValue(int(fraction * kProgressSteps)); });
    connect(&service_, &RunProbeService::resultsReady, this, &RunProbeDialog::showResults);
    connect(&service_, &RunProbeService::waiting, this, [this](const QString& message) {
        running_ = false;
        showStatus(message, false);
        updateControls();
    });
    connect(&service_, &RunProbeService::failed, this, [this](const QString& message) {
        running_ = false;
        progress_->setValue(0);
        showStatus(message, true);
        updateControls();
    });
    connect(&service_, &RunProbeService::cancelled, this, [this] {
        running_ = false;
        progress_->setValue(0);
        showStatus(tr("Cancelled: the run's folder is no longer followed."), false);
        updateControls();
    });
    updateControls();
}

QWidget* RunProbeDialog::createSettings() {
    auto* box = new QWidget;
    folder_->setWordWrap(true);
    folder_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pattern_->setPlaceholderText(tr("optional regex whose first group is the label, e.g. ^([a-z]+)_"));
    layers_->setToolTip(tr("all, last, a range 0-12 or a list 3,6,9 (0 = patch embedding)"));
    pooling_->addItems(clipPoolingNames());
    folds_->setRange(2, 20);
    folds_->setValue(5);
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Run"), folder_);
    form->addRow(tr("Labelled set"), labelSource_);
    form->addRow(tr("Path pattern"), pattern_);
    form->addRow(tr("Layers"), layers_);
    form->addRow(tr("Clip pooling"), pooling_);
    form->addRow(tr("Folds"), folds_);
    return box;
}

void RunProbeDialog::setRunFolder(const QString& folder) {
    if (folder != runFolder_ && service_.isFollowing()) service_.cancel();
    runFolder_ = folder;
    folder_->setText(folder.isEmpty() ? tr("no run: start one or choose its output folder") : folder);
    updateControls();
}

RunProbeRequest RunProbeDialog::request() const {
    RunProbeRequest request;
    request.runFolder = runFolder_;
    request.probe.labelSource = labelSource_->path();
    request.probe.pathPattern = pattern_->text().trimmed();
    request.probe.layers = layers_->text().trimmed();
    request.probe.pooling = pooling_->currentText();
    request.probe.folds = folds_->value();
    return request;
}

void RunProbeDialog::setRequest(const RunProbeRequest& request) {
    setRunFolder(request.runFolder);
    labelSource_->setPath(request.probe.labelSource);
    pattern_->setText(request.probe.pathPattern);
    layers_->setText(request.probe.layers);
    if (pooling_->findText(request.probe.pooling) >= 0) pooling_->setCurrentText(request.probe.pooling);
    folds_->setValue(request.probe.folds);
    updateControls();
}

QString RunProbeDialog::statusText() const { return status_->text(); }

void RunProbeDialog::startProbe() {
    progress_->setValue(0);
    service_.run(request());
}

void RunProbeDialog::showResults(const RunProbeDataPtr& results) {
    running_ = false;
    progress_->setValue(kProgressSteps);
    heatMap_->setResults(*results);
    QString text = tr("%1 × %2, %3; log-mel baseline %4 ± %5")
                       .arg(counted(int(results->checkpoints.size()), tr("checkpoint"), tr("checkpoints")),
                            counted(int(results->layers.size()), tr("layer"), tr("layers")),
                            counted(results->recordings, tr("recording"), tr("recordings")))
                       .arg(results->baseline.accuracy, 0, 'f', 3).arg(results->baseline.accuracyStd, 0, 'f', 3);
    if (results->probed < int(results->checkpoints.size()))
        text += tr(" (%1 probed now, the others' scores kept)").arg(results->probed);
    if (results->skipped > 0) text += tr("; %1 left out (unreadable)").arg(counted(results->skipped, tr("recording"), tr("recordings")));
    showStatus(text + tr(". New checkpoints are probed as the run saves them."), false);
    updateControls();
}

void RunProbeDialog::showStatus(const QString& text, bool error) {
    status_->setStyleSheet(error ? QStringLiteral("color: #c62828") : QString());
    status_->setText(text);
}

void RunProbeDialog::updateControls() {
    for (QWidget* field : std::initializer_list<QWidget*>{labelSource_, pattern_, layers_, pooling_, folds_}) field->setEnabled(!running_);
    probe_->setEnabled(!running_ && !runFolder_.isEmpty() && !labelSource_->path().isEmpty());
    cancel_->setEnabled(service_.isFollowing());
}

}  // namespace m2ds
