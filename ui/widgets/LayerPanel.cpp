#include "widgets/LayerPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace m2ds {

LayerPanel::LayerPanel(QWidget* parent)
    : QWidget(parent), layer_(new QSpinBox(this)), enabled_(new QCheckBox(tr("Show the layer PCA lane"), this)), status_(new QLabel(this)),
      attentionLayer_(new QSpinBox(this)), head_(new QComboBox(this)), attention_(new QCheckBox(tr("Attention of a patch clicked in the spectrogram"), this)) {
    layer_->setObjectName(QStringLiteral("pcaLayer"));
    layer_->setToolTip(tr("0 = patch embedding + position, 1 … depth = block outputs (the last one normed)"));
    enabled_->setChecked(true);
    status_->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Layer"), layer_);
    attentionLayer_->setObjectName(QStringLiteral("attentionLayer"));
    head_->setObjectName(QStringLiteral("attentionHead"));
    attention_->setChecked(true);
    auto* attentionForm = new QFormLayout;
    attentionForm->addRow(tr("Attention block"), attentionLayer_);
    attentionForm->addRow(tr("Head"), head_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(enabled_);
    layout->addWidget(status_);
    layout->addLayout(attentionForm);
    layout->addWidget(attention_);
    layout->addStretch(1);
    setModel(0, 0);
    connect(attentionLayer_, qOverload<int>(&QSpinBox::valueChanged), this, &LayerPanel::attentionChanged);
    connect(head_, qOverload<int>(&QComboBox::currentIndexChanged), this, &LayerPanel::attentionChanged);
    connect(attention_, &QCheckBox::toggled, this, &LayerPanel::attentionChanged);
    connect(layer_, qOverload<int>(&QSpinBox::valueChanged), this, &LayerPanel::layerViewChanged);
    connect(enabled_, &QCheckBox::toggled, this, &LayerPanel::layerViewChanged);
}

void LayerPanel::setModel(int depth, int heads) {
    const QSignalBlocker blocker(layer_), attentionBlocker(attentionLayer_), headBlocker(head_);
    layer_->setRange(0, depth);
    if (depth > 0 && layer_->value() == 0) layer_->setValue(depth / 2);
    layer_->setEnabled(depth > 0);
    attentionLayer_->setRange(1, std::max(1, depth));
    attentionLayer_->setValue(std::max(1, depth));
    attentionLayer_->setEnabled(depth > 0);
    head_->clear();
    head_->addItem(tr("Mean of the heads"));
    for (int head = 0; head < heads; ++head) head_->addItem(tr("Head %1").arg(head));
    head_->setEnabled(depth > 0);
    status_->setText(depth > 0 ? tr("Click the PCA lane for each frame's cosine similarity to that frame.") : tr("Load a model first."));
}

int LayerPanel::layer() const { return layer_->value(); }
bool LayerPanel::layerViewEnabled() const { return enabled_->isChecked() && layer_->isEnabled(); }
void LayerPanel::showStatus(const QString& text) { status_->setText(text); }
bool LayerPanel::attentionEnabled() const { return attention_->isChecked() && attentionLayer_->isEnabled(); }
int LayerPanel::attentionLayer() const { return attentionLayer_->value(); }
int LayerPanel::attentionHead() const { return head_->currentIndex() - 1; }

}  // namespace m2ds
