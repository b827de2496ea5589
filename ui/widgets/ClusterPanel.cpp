#include "widgets/ClusterPanel.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/EncoderChoice.h"

namespace m2ds {
namespace {

QTableWidgetItem* numberItem(double value, const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

}  // namespace

ClusterPanel::ClusterPanel(QWidget* parent)
    : QWidget(parent), encoder_(new EncoderChoice), layer_(new QSpinBox), clusters_(new QSpinBox), seed_(new QSpinBox),
      learn_(new QPushButton(tr("Learn"))), load_(new QPushButton(tr("Load centroids…"))), cancel_(new QPushButton(tr("Cancel"))), play_(new QPushButton(tr("Play cluster"))),
      status_(new QLabel), table_(new QTableWidget(0, 4)) {
    clusters_->setRange(2, 2000);
    clusters_->setValue(50);
    seed_->setRange(0, 1000000);
    status_->setWordWrap(true);
    table_->setHorizontalHeaderLabels({tr("cluster"), tr("frames"), tr("share"), tr("mean ms")});
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto* form = new QFormLayout;
    form->addRow(tr("Features"), encoder_);
    form->addRow(tr("Layer"), layer_);
    form->addRow(tr("Clusters k"), clusters_);
    form->addRow(tr("Seed"), seed_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(learn_);
    buttons->addWidget(load_);
    buttons->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(status_);
    layout->addWidget(table_, 1);
    layout->addWidget(play_);
    play_->setEnabled(false);
    showLayers();
    updateButtons();
    connect(encoder_, &EncoderChoice::sourceChanged, this, &ClusterPanel::showLayers);
    connect(encoder_, &EncoderChoice::changed, this, &ClusterPanel::updateButtons);
    connect(learn_, &QPushButton::clicked, this, &ClusterPanel::learnRequested);
    connect(load_, &QPushButton::clicked, this, &ClusterPanel::chooseCentroidsFile);
    connect(cancel_, &QPushButton::clicked, this, &ClusterPanel::cancelRequested);
    connect(play_, &QPushButton::clicked, this, [this] { emit playClusterRequested(chosenCluster()); });
    connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
        play_->setEnabled(chosenCluster() >= 0);
        emit clusterChosen(chosenCluster());
    });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this] { emit playClusterRequested(chosenCluster()); });
}

void ClusterPanel::setLoadedModel(const QString& name, int depth) {
    depth_ = name.isEmpty() ? -1 : depth;
    encoder_->setLoadedModel(name);
    showLayers();
}

void ClusterPanel::showLayers() {
    layer_->setRange(0, encoder_->highestLayer(depth_));
    layer_->setValue(encoder_->suggestedLayer(depth_));
    layer_->setToolTip(tr("Layer whose frame embeddings are clustered (%1)").arg(encoder_->layerMeaning()));
    if (encoder_->usesHubert())
        status_->setText(encoder_->isReady() ? tr("Choose a hidden state, then learn clusters of the open recordings, or load centroids.")
                                             : tr("Choose a HuBERT / wav2vec 2.0 model folder, then learn clusters of one of its hidden states."));
    else
        status_->setText(depth_ >= 0 ? tr("Learn clusters of a layer of the open recordings, or load centroids.")
                                     : tr("Load a model or choose a HuBERT / wav2vec 2.0 folder, then learn clusters of one of its layers."));
}

void ClusterPanel::updateButtons() {
    const bool ready = encoder_->isReady();
    learn_->setEnabled(!running_ && ready);
    load_->setEnabled(!running_ && ready);
    layer_->setEnabled(ready);
    cancel_->setEnabled(running_);
    encoder_->setEnabled(!running_);
}

void ClusterPanel::showProgress(double fraction) {
    running_ = fraction >= 0.0;
    updateButtons();
    if (running_) status_->setText(tr("Clustering… %1 %").arg(int(100 * fraction)));
}

void ClusterPanel::showError(const QString& message) {
    showProgress(-1.0);
    status_->setText(message);
}

void ClusterPanel::showTiers(const ClusterTiersPtr& tiers) {
    showProgress(-1.0);
    table_->setSortingEnabled(false);
    table_->setRowCount(0);
    if (!tiers) return;
    status_->setText(tr("%1: %2 clusters%3").arg(tiers->name).arg(tiers->clusterCount)
                         .arg(tiers->skipped.isEmpty() ? QString() : tr(", %1 recordings skipped").arg(tiers->skipped.size())));
    table_->setRowCount(int(tiers->statistics.size()));
    for (int row = 0; row < int(tiers->statistics.size()); ++row) {
        const ClusterStatistics& s = tiers->statistics[std::size_t(row)];
        table_->setItem(row, 0, numberItem(s.cluster, QString::number(s.cluster)));
        table_->setItem(row, 1, numberItem(double(s.frames), QString::number(s.frames)));
        table_->setItem(row, 2, numberItem(s.share, QString::number(100.0 * s.share, 'f', 1) + " %"));
        table_->setItem(row, 3, numberItem(s.meanDurationSeconds, QString::number(1000.0 * s.meanDurationSeconds, 'f', 0)));
    }
    table_->sortItems(1, Qt::DescendingOrder);
}

QString ClusterPanel::hubertFolder() const { return encoder_->hubertFolder(); }
int ClusterPanel::layer() const { return layer_->value(); }
int ClusterPanel::clusterCount() const { return clusters_->value(); }
unsigned ClusterPanel::seed() const { return unsigned(seed_->value()); }

int ClusterPanel::chosenCluster() const {
    const auto rows = table_->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : table_->item(rows.front().row(), 0)->data(Qt::UserRole).toInt();
}

void ClusterPanel::chooseCentroidsFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Centroids"), {}, tr("NumPy arrays (*.npy)"));
    if (!path.isEmpty()) emit centroidsChosen(path);
}

}  // namespace m2ds
