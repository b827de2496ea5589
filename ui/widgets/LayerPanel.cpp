#include "widgets/LayerPanel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace m2ds {

LayerPanel::LayerPanel(QWidget* parent)
    : QWidget(parent), layer_(new QSpinBox(this)), enabled_(new QCheckBox(tr("Show the layer PCA lane"), this)), status_(new QLabel(this)) {
    layer_->setObjectName(QStringLiteral("pcaLayer"));
    layer_->setToolTip(tr("0 = patch embedding + position, 1 … depth = block outputs (the last one normed)"));
    enabled_->setChecked(true);
    status_->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Layer"), layer_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(enabled_);
    layout->addWidget(status_);
    layout->addStretch(1);
    setModelDepth(0);
    connect(layer_, qOverload<int>(&QSpinBox::valueChanged), this, &LayerPanel::layerViewChanged);
    connect(enabled_, &QCheckBox::toggled, this, &LayerPanel::layerViewChanged);
}

void LayerPanel::setModelDepth(int depth) {
    const QSignalBlocker blocker(layer_);
    layer_->setRange(0, depth);
    if (depth > 0 && layer_->value() == 0) layer_->setValue(depth / 2);
    layer_->setEnabled(depth > 0);
    status_->setText(depth > 0 ? tr("Click the PCA lane for each frame's cosine similarity to that frame.") : tr("Load a model first."));
}

int LayerPanel::layer() const { return layer_->value(); }
bool LayerPanel::layerViewEnabled() const { return enabled_->isChecked() && layer_->isEnabled(); }
void LayerPanel::showStatus(const QString& text) { status_->setText(text); }

}  // namespace m2ds
