#include "widgets/ModelPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

namespace m2ds {
namespace {

/// HTML of `text` that may wrap after '_', '-', '.', '/' and ',' too, so that file and model names fit a narrow dock.
QString wrappable(const QString& text) {
    QString html = text.toHtmlEscaped();
    static const QRegularExpression breakAfter(QStringLiteral("([_\\-./,])"));
    html.replace(breakAfter, QStringLiteral("\\1&#8203;"));
    return html.replace('\n', QStringLiteral("<br>"));
}

}  // namespace

ModelPanel::ModelPanel(QWidget* parent)
    : QWidget(parent), summary_(new QLabel(tr("No model. File ▸ Open Model… or drop a .pth / .safetensors here."), this)),
      ratio_(new QDoubleSpinBox(this)), seed_(new QSpinBox(this)), device_(new QComboBox(this)), deviceNote_(new QLabel(this)), overlays_(new QCheckBox(tr("Show patches, mask and predictions"), this)),
      loss_(new QLabel(this)), readout_(new QLabel(this)), fitReadout_(new QPushButton(tr("Fit readout"), this)),
      reconstruction_(new QLabel(this)), patch_(new QLabel(this)) {
    for (QLabel* label : {summary_, deviceNote_, loss_, readout_, reconstruction_, patch_}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    ratio_->setObjectName(QStringLiteral("maskRatio"));
    ratio_->setRange(0.05, 0.95);
    ratio_->setSingleStep(0.05);
    ratio_->setValue(0.6);
    seed_->setObjectName(QStringLiteral("maskSeed"));
    seed_->setRange(0, 999999);
    overlays_->setChecked(true);
    auto* controls = new QFormLayout;
    controls->addRow(tr("Mask ratio"), ratio_);
    controls->addRow(tr("Mask seed"), seed_);
    device_->setObjectName(QStringLiteral("device"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    device_->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    device_->setToolTip(tr("Where the model runs; without a usable CUDA device it stays on the CPU"));
    controls->addRow(tr("Device"), device_);
    deviceNote_->setObjectName(QStringLiteral("deviceNote"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addLayout(controls);
    layout->addWidget(deviceNote_);
    layout->addWidget(overlays_);
    layout->addWidget(loss_);
    layout->addWidget(readout_);
    layout->addWidget(reconstruction_);
    layout->addWidget(fitReadout_);
    layout->addWidget(patch_);
    readout_->setObjectName(QStringLiteral("readout"));
    fitReadout_->setToolTip(tr("Fit the linear readout from the target encoder's latents to log-mel patches on every open recording"));
    fitReadout_->setEnabled(false);
    connect(fitReadout_, &QPushButton::clicked, this, &ModelPanel::fitReadoutRequested);
    connect(device_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { emit deviceChosen(device_->currentData().toString()); });
    layout->addStretch(1);
    connect(ratio_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &ModelPanel::inspectSettingsChanged);
    connect(seed_, qOverload<int>(&QSpinBox::valueChanged), this, &ModelPanel::inspectSettingsChanged);
    connect(overlays_, &QCheckBox::toggled, this, &ModelPanel::inspectSettingsChanged);
}

void ModelPanel::showLoading(const QString& path) { summary_->setText(tr("Loading %1…").arg(QFileInfo(path).fileName())); }

void ModelPanel::showModel(const ModelSummary& summary) {
    summary_->setText(QStringLiteral("<b>%1</b><br>%2 · %3<br>geometry from %4<br>%5")
                          .arg(wrappable(summary.name), wrappable(QFileInfo(summary.path).fileName()), wrappable(summary.format),
                               wrappable(summary.geometrySource), wrappable(summary.description)));
    summary_->setToolTip(summary.path);
    const QSignalBlocker blocker(ratio_);
    ratio_->setValue(summary.maskRatio);
    deviceNote_->setText(summary.deviceMessage.isEmpty() ? QString() : QStringLiteral("<b>%1</b>").arg(wrappable(summary.deviceMessage)));
    loss_->clear();
    patch_->clear();
    readout_->clear();
    reconstruction_->clear();
    fitReadout_->setEnabled(true);
}

void ModelPanel::showError(const QString& message) { summary_->setText(tr("Could not load the model:<br>%1").arg(wrappable(message))); }

void ModelPanel::showInspection(float meanLoss, int chunks, int maskedPatches) {
    const QString where = tr("%n model input(s), ", "", chunks) + tr("%n masked patch(es)", "", maskedPatches);
    loss_->setText(std::isnan(meanLoss) ? tr("%1 — encoder-only weights: no predictions to compare.").arg(where)
                                        : tr("<b>M2D loss %1</b> (mean over %2)").arg(meanLoss, 0, 'f', 4).arg(where));
}

void ModelPanel::showPatch(const QString& description) { patch_->setText(description); }

void ModelPanel::showReadout(const ReadoutSummary& summary) {
    readout_->setText(tr("<b>Readout R² %1</b> on %2 held-out patches (λ %3, fitted on %4 patches of %n recording(s))", "", summary.recordings)
                          .arg(summary.r2, 0, 'f', 3).arg(summary.heldOutRows).arg(summary.lambda, 0, 'g', 2).arg(summary.trainingRows));
}

void ModelPanel::showReadoutStatus(const QString& text) { readout_->setText(text); }

void ModelPanel::showReconstruction(float meanPatchError) {
    reconstruction_->setText(std::isnan(meanPatchError) ? QString()
                                                        : tr("Reconstruction error %1 ln power² (mean over the masked patches shown)").arg(meanPatchError, 0, 'f', 3));
}

unsigned ModelPanel::seed() const { return unsigned(seed_->value()); }
double ModelPanel::maskRatio() const { return ratio_->value(); }
bool ModelPanel::overlaysEnabled() const { return overlays_->isChecked(); }

}  // namespace m2ds
