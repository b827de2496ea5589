#include "pages/InspectPage.h"

#include <QAction>
#include <QFileInfo>
#include <QListView>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "jobs/ClusterService.h"
#include "jobs/LayerService.h"
#include "jobs/ModelService.h"
#include "playback/AudioPlayer.h"
#include "playback/SegmentPlaylist.h"
#include "plots/RecordingPlot.h"
#include "plots/lanes/ClusterTierLane.h"
#include "session/Session.h"
#include "widgets/ClusterPanel.h"
#include "widgets/LayerPanel.h"
#include "widgets/ModelPanel.h"

namespace m2ds {
namespace {

const char* const kLaneOrderKey = "inspect/laneOrder";
const char* const kHiddenLanesKey = "inspect/hiddenLanes";

bool isModelFile(const QString& path) {
    return path.endsWith(".pth", Qt::CaseInsensitive) || path.endsWith(".pt", Qt::CaseInsensitive) ||
           path.endsWith(".safetensors", Qt::CaseInsensitive);
}

}  // namespace

InspectPage::InspectPage(Session& session, QWidget* parent)
    : QWidget(parent), session_(session), player_(new AudioPlayer(this)), plot_(new RecordingPlot(this)), list_(new QListView(this)),
      modelPanel_(new ModelPanel(this)), clusterPanel_(new ClusterPanel(this)), clusters_(new ClusterService(*session.models(), this)),
      clusterLane_(static_cast<ClusterTierLane*>(plot_->addLane(std::make_unique<ClusterTierLane>()))),
      layerPanel_(new LayerPanel(this)), layers_(new LayerService(*session.models(), this)),
      playlist_(new SegmentPlaylist(*player_, this)), inspectDelay_(new QTimer(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    list_->setModel(session_.recordings());
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    inspectDelay_->setSingleShot(true);
    inspectDelay_->setInterval(120);  // coalesces zoom/pan and spin-box steps; the job queue makes the latest request win
    connect(inspectDelay_, &QTimer::timeout, this, &InspectPage::requestInspection);
    createActions();
    connectModel();
    connectClusters();
    connectLayers();
    restoreLanes();
    connect(plot_, &LaneStack::lanesChanged, this, &InspectPage::saveLanes);

    connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) { showRow(current.row()); });
    connect(&session_, &Session::recordingReady, this, &InspectPage::onRecordingReady);
    connect(&session_, &Session::recordingFailed, this,
            [this](int, const QString& message) { emit errorOccurred(tr("Could not open a recording"), message); });
    connect(&session_, &Session::recordingAlreadyOpen, this, [this](int row) { list_->setCurrentIndex(session_.recordings()->index(row)); });
    connect(session_.recordings(), &QAbstractItemModel::rowsRemoved, this, [this] {
        shownRow_ = -1;
        showRow(list_->currentIndex().row());
    });
    connect(plot_, &LaneStack::readoutChanged, this, &InspectPage::readoutChanged);
    connect(plot_, &LaneStack::positionClicked, this, [this](double seconds) {
        if (player_->isPlaying()) player_->play(seconds);
    });
    connect(plot_, &LaneStack::visibleRangeChanged, inspectDelay_, qOverload<>(&QTimer::start));
    connect(plot_, &LaneStack::laneClicked, modelPanel_, [this](const QString&, const QString& description) { modelPanel_->showPatch(description); });
    connect(player_, &AudioPlayer::positionChanged, plot_, &LaneStack::setPlayPosition);
    connect(player_, &AudioPlayer::errorOccurred, this, [this](const QString& message) { emit statusMessage(message, 8000); });
}

InspectPage::~InspectPage() = default;

void InspectPage::createActions() {
    const auto action = [this](const QString& text, const QList<QKeySequence>& keys, auto slot) {
        auto* created = new QAction(text, this);
        created->setShortcuts(keys);
        connect(created, &QAction::triggered, this, slot);
        return created;
    };
    actions_.closeRecording = action(tr("&Close Recording"), {QKeySequence::Close, QKeySequence::Delete},
                                     [this] { session_.close(list_->currentIndex().row()); });
    actions_.view = {action(tr("Zoom &In"), {QKeySequence::ZoomIn, Qt::Key_Plus, Qt::Key_Equal}, [this] { plot_->zoomBy(2.0); }),
                     action(tr("Zoom &Out"), {QKeySequence::ZoomOut, Qt::Key_Minus}, [this] { plot_->zoomBy(0.5); }),
                     action(tr("Zoom to &Fit"), {Qt::CTRL | Qt::Key_0, Qt::Key_0}, [this] { plot_->zoomToFit(); }),
                     action(tr("Scroll &Left"), {Qt::Key_Left}, [this] { plot_->panBy(-0.25); }),
                     action(tr("Scroll &Right"), {Qt::Key_Right}, [this] { plot_->panBy(0.25); })};
    actions_.play = action(tr("&Play / Stop"), {Qt::Key_Space}, [this] { togglePlayback(); });
    actions_.playback = {actions_.play, action(tr("Go to &Start"), {Qt::Key_Home}, [this] {
                             player_->stop();
                             plot_->setPlayPosition(0.0);
                         })};
}

void InspectPage::restoreLanes() {
    const QSettings settings;
    const QStringList order = settings.value(kLaneOrderKey).toStringList();
    for (int index = 0; index < order.size(); ++index) plot_->moveLane(order[index], index);
    for (const QString& lane : settings.value(kHiddenLanesKey).toStringList()) plot_->setLaneShown(lane, false);
}

void InspectPage::saveLanes() const {
    QSettings settings;
    QStringList hidden;
    for (const QString& lane : plot_->laneOrder())
        if (!plot_->isLaneShown(lane)) hidden << lane;
    settings.setValue(kLaneOrderKey, plot_->laneOrder());
    settings.setValue(kHiddenLanesKey, hidden);
}

void InspectPage::connectModel() {
    ModelService* models = session_.models();
    connect(models, &ModelService::modelLoaded, this, [this](const ModelSummary& summary) {
        modelPanel_->showModel(summary);
        clusterPanel_->setLoadedModel(summary.name, summary.depth);
        layerPanel_->setModel(summary.depth, summary.heads);
        attentionSeconds_ = -1.0;
        plot_->setAttention(nullptr);
        requestLayerView();
        fitReadout(false);
        requestInspection();
    });
    connect(models, &ModelService::modelFailed, this, [this](const QString& message) {
        modelPanel_->showError(message);
        emit errorOccurred(tr("Could not load a model"), message);
    });
    connect(models, &ModelService::inspectionReady, this, [this](InspectionDataPtr inspection) {
        if (!modelPanel_->overlaysEnabled()) return;
        const int masked = int(std::count(inspection->masked.begin(), inspection->masked.end(), 1));
        modelPanel_->showInspection(inspection->meanLoss, inspection->chunkCount, masked);
        modelPanel_->showReconstruction(inspection->meanPatchError);
        plot_->setInspection(std::move(inspection));
    });
    connect(models, &ModelService::inspectionFailed, this, [this](const QString& message) { emit statusMessage(message, 8000); });
    // A seed or ratio step asks at once (the latest request wins in ModelService); only zoom and pan are coalesced.
    connect(modelPanel_, &ModelPanel::inspectSettingsChanged, this, &InspectPage::requestInspection);
    connect(modelPanel_, &ModelPanel::fitReadoutRequested, this, [this] { fitReadout(true); });
    connect(modelPanel_, &ModelPanel::deviceChosen, models, &ModelService::setDevice);
    connect(models, &ModelService::readoutReady, this, [this](const ReadoutSummary& summary) {
        modelPanel_->showReadout(summary);
        requestInspection();
    });
    connect(models, &ModelService::readoutFailed, modelPanel_, &ModelPanel::showReadoutStatus);
}

void InspectPage::fitReadout(bool again) {
    ModelService* models = session_.models();
    const std::vector<RecordingDataPtr> recordings = readyRecordingData();
    if (!models->network() || recordings.empty() || (!again && models->hasReadout())) return;
    if (models->fitReadout(recordings))
        modelPanel_->showReadoutStatus(tr("Fitting the reconstruction readout on %n recording(s)…", "", int(recordings.size())));
    else
        modelPanel_->showReadoutStatus(tr("Encoder-only weights: no predictor, so no masked reconstruction."));
}

void InspectPage::connectClusters() {
    connect(clusterPanel_, &ClusterPanel::learnRequested, this, [this] {
        clusters_->learn(readyRecordings(), clusterPanel_->hubertFolder(), clusterPanel_->layer(), clusterPanel_->clusterCount(), clusterPanel_->seed());
    });
    connect(clusterPanel_, &ClusterPanel::centroidsChosen, this,
            [this](const QString& path) { clusters_->assign(readyRecordings(), clusterPanel_->hubertFolder(), clusterPanel_->layer(), path); });
    connect(clusterPanel_, &ClusterPanel::cancelRequested, clusters_, &ClusterService::cancel);
    connect(clusters_, &ClusterService::progress, clusterPanel_, &ClusterPanel::showProgress);
    connect(clusters_, &ClusterService::failed, clusterPanel_, &ClusterPanel::showError);
    connect(clusters_, &ClusterService::tiersReady, this, [this](ClusterTiersPtr tiers) {
        clusterPanel_->showTiers(tiers);
        clusterLane_->setTiers(std::move(tiers));
        plot_->refresh();
    });
    connect(clusterPanel_, &ClusterPanel::clusterChosen, this, [this](int id) {
        clusterLane_->chooseCluster(id);
        plot_->refresh();
    });
    connect(clusterPanel_, &ClusterPanel::playClusterRequested, this, &InspectPage::playCluster);
}

std::vector<RecordingDataPtr> InspectPage::readyRecordingData() const {
    std::vector<RecordingDataPtr> recordings;
    for (int row = 0; row < session_.recordings()->rowCount(); ++row)
        if (RecordingDataPtr recording = session_.recordings()->recording(row)) recordings.push_back(std::move(recording));
    return recordings;
}

void InspectPage::connectLayers() {
    connect(layerPanel_, &LayerPanel::layerViewChanged, this, &InspectPage::requestLayerView);
    connect(layers_, &LayerService::viewReady, this, [this](LayerViewDataPtr view) {
        if (!plot_->recording() || view->path != plot_->recording()->path) return;
        QStringList shares;
        for (double share : view->explained) shares << QString::number(100.0 * share, 'f', 1) + " %";
        layerPanel_->showStatus(tr("Layer %1: PC1–3 explain %2 of the variance over %n frame(s). Click the lane for similarities.", "",
                                   int(view->frames)).arg(view->layer).arg(shares.join(", ")));
        plot_->setLayerView(std::move(view));
    });
    connect(layers_, &LayerService::similarityReady, plot_, &RecordingPlot::setSimilarity);
    connect(layers_, &LayerService::failed, layerPanel_, &LayerPanel::showStatus);
    connect(layerPanel_, &LayerPanel::attentionChanged, this, &InspectPage::requestAttention);
    connect(layers_, &LayerService::attentionReady, plot_, &RecordingPlot::setAttention);
    connect(plot_, &LaneStack::pointClicked, this, [this](const QString& laneId, double seconds, double value) {
        if (laneId == QLatin1String("layer-pca")) layers_->similarityAt(seconds);
        if (laneId != QLatin1String("spectrogram")) return;
        attentionSeconds_ = seconds;
        attentionMel_ = int(std::lround(value));
        requestAttention();
    });
}

void InspectPage::requestAttention() {
    if (!layerPanel_->attentionEnabled() || attentionSeconds_ < 0.0 || !plot_->recording()) {
        plot_->setAttention(nullptr);
        return;
    }
    layers_->attentionAt(plot_->recording(), attentionSeconds_, attentionMel_, layerPanel_->attentionLayer(), layerPanel_->attentionHead());
}

void InspectPage::requestLayerView() {
    const RecordingDataPtr recording = plot_->recording();
    if (!session_.models()->model() || !recording || !layerPanel_->layerViewEnabled()) {
        layers_->clear();
        plot_->setLayerView(nullptr);
        return;
    }
    layers_->view(recording, layerPanel_->layer());
}

QStringList InspectPage::readyRecordings() const {
    QStringList paths;
    for (const RecordingDataPtr& recording : readyRecordingData()) paths << recording->path;
    return paths;
}

void InspectPage::playCluster(int id) {
    std::vector<std::pair<double, double>> stretches;
    for (const ClusterSegment& segment : clusterLane_->segments())
        if (segment.cluster == id) stretches.emplace_back(segment.start, segment.end);
    if (stretches.empty()) return emit statusMessage(tr("Cluster %1 does not occur in this recording.").arg(id), 5000);
    emit statusMessage(tr("Playing the %1 segments of cluster %2").arg(stretches.size()).arg(id), 5000);
    playlist_->play(std::move(stretches));
}

void InspectPage::openFiles(const QStringList& paths) {
    QStringList recordings;
    for (const QString& path : paths) {
        if (!isModelFile(path)) {
            recordings << path;
            continue;
        }
        modelPanel_->showLoading(path);
        session_.models()->loadModel(path);
    }
    if (!recordings.isEmpty()) session_.open(recordings);
}

void InspectPage::showRecordingAt(const QString& path, double seconds) {
    seekPath_ = QFileInfo(path).absoluteFilePath();
    seekSeconds_ = seconds;
    const int row = session_.recordings()->rowOfPath(seekPath_);
    if (row < 0) return session_.open({seekPath_});
    list_->setCurrentIndex(session_.recordings()->index(row));
    applyPendingSeek();
}

void InspectPage::applyPendingSeek() {
    const RecordingDataPtr recording = plot_->recording();
    if (seekPath_.isEmpty() || !recording || recording->path != seekPath_) return;
    seekPath_.clear();
    if (seekSeconds_ < 0.0) return plot_->zoomToFit();
    const double span = std::min(5.0, recording->durationSeconds());
    const double begin = std::clamp(seekSeconds_ - span / 2, 0.0, recording->durationSeconds() - span);
    plot_->setVisibleRange(begin, begin + span);
    plot_->setPlayPosition(seekSeconds_);
}

void InspectPage::setActive(bool active) {
    for (QAction* action : actions_.view + actions_.playback + QList<QAction*>{actions_.closeRecording}) action->setEnabled(active);
    if (!active && player_->isPlaying()) player_->stop();
}

void InspectPage::showRow(int row) {
    if (row == shownRow_) return;
    RecordingDataPtr recording = row >= 0 ? session_.recordings()->recording(row) : nullptr;
    player_->setRecording(recording);
    if (!recording) {
        if (row >= 0) emit readoutChanged(session_.recordings()->data(session_.recordings()->index(row), Qt::ToolTipRole).toString());
        return;
    }
    shownRow_ = row;
    plot_->setRecording(recording);
    attentionSeconds_ = -1.0;
    requestInspection();
    requestLayerView();
    emit recordingShown(recording->path, recording->sourceDescription);
    applyPendingSeek();
}

void InspectPage::onRecordingReady(int row) {
    fitReadout(false);
    // Latest request wins: a finished recording is shown when nothing else is, or when the user selected it.
    const RecordingDataPtr ready = session_.recordings()->recording(row);
    const bool sought = ready && ready->path == seekPath_;
    if (shownRow_ < 0 || list_->currentIndex().row() == row || session_.loadingCount() == 0 || sought) {
        list_->setCurrentIndex(session_.recordings()->index(row));
        showRow(row);
    }
}

void InspectPage::requestInspection() {
    const RecordingDataPtr recording = plot_->recording();
    if (!session_.models()->model() || !recording || !modelPanel_->overlaysEnabled()) {
        plot_->setInspection(nullptr);
        return;
    }
    session_.models()->inspect(recording, modelPanel_->seed(), modelPanel_->maskRatio(), plot_->visibleBegin(), plot_->visibleEnd());
}

void InspectPage::togglePlayback() {
    if (player_->isPlaying())
        player_->stop();
    else
        player_->play(plot_->playPosition());
}

}  // namespace m2ds
