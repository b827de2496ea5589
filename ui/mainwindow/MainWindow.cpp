#include "mainwindow/MainWindow.h"

#include <QAction>
#include <algorithm>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include <QTimer>

#include "jobs/ModelService.h"
#include "pages/TrainPage.h"
#include "playback/AudioPlayer.h"
#include "plots/RecordingPlot.h"
#include "session/Session.h"
#include "training/M2dsExecutable.h"
#include "training/TrainPresets.h"
#include "widgets/ModelPanel.h"

namespace m2ds {
namespace {
const char* const kAudioFilter =
    "Audio (*.wav *.flac *.ogg *.oga *.opus *.mp3 *.aif *.aiff *.au *.caf *.w64 *.rf64);;All files (*)";
const char* const kModelFilter = "M2D / M2D-S checkpoints (*.pth *.pt *.safetensors);;All files (*)";

bool isModelFile(const QString& path) {
    return path.endsWith(".pth", Qt::CaseInsensitive) || path.endsWith(".pt", Qt::CaseInsensitive) ||
           path.endsWith(".safetensors", Qt::CaseInsensitive);
}
}  // namespace

MainWindow::MainWindow(Session& session, QWidget* parent)
    : QMainWindow(parent), session_(session), player_(new AudioPlayer(this)), plot_(new RecordingPlot(this)),
      list_(new QListView(this)), readout_(new QLabel(this)), sourceInfo_(new QLabel(this)), progress_(new QProgressBar(this)),
      modelPanel_(new ModelPanel(this)),
      trainPage_(new TrainPage(TrainPresets::load(session.presetsDirectory()), m2dsExecutablePath(), this)),
      pages_(new QTabWidget(this)), inspectDelay_(new QTimer(this)) {
    setWindowTitle(tr("M2D-S Workbench"));
    setAcceptDrops(true);
    pages_->setObjectName(QStringLiteral("pages"));
    pages_->setDocumentMode(true);
    pages_->addTab(plot_, tr("Inspect"));
    pages_->addTab(trainPage_, tr("Train"));
    setCentralWidget(pages_);
    resize(1280, 760);

    list_->setModel(session_.recordings());
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* modelScroll = new QScrollArea(this);
    modelScroll->setWidget(modelPanel_);
    modelScroll->setWidgetResizable(true);
    modelScroll->setFrameShape(QFrame::NoFrame);
    inspectDocks_ = {createDock(tr("Recordings"), QStringLiteral("recordingsDock"), list_),
                     createDock(tr("Model"), QStringLiteral("modelDock"), modelScroll)};
    inspectDelay_->setSingleShot(true);
    inspectDelay_->setInterval(120);  // coalesce zoom/pan and spin-box steps: the latest request wins
    connect(inspectDelay_, &QTimer::timeout, this, &MainWindow::requestInspection);

    readout_->setMinimumWidth(420);
    statusBar()->addWidget(readout_, 1);
    statusBar()->addPermanentWidget(sourceInfo_);
    statusBar()->addPermanentWidget(progress_);
    progress_->setMaximumWidth(180);
    progress_->setRange(0, 100);
    progress_->setVisible(false);

    createActions();
    connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showRow(current.row()); });
    connect(&session_, &Session::recordingReady, this, &MainWindow::onRecordingReady);
    connect(&session_, &Session::recordingFailed, this, &MainWindow::onRecordingFailed);
    connect(&session_, &Session::recordingAlreadyOpen, this, [this](int row) { list_->setCurrentIndex(session_.recordings()->index(row)); });
    connect(session_.recordings(), &QAbstractItemModel::dataChanged, this, &MainWindow::updateLoadingProgress);
    connect(session_.recordings(), &QAbstractItemModel::rowsRemoved, this, [this] {
        shownRow_ = -1;
        showRow(list_->currentIndex().row());
        updateLoadingProgress();
    });
    connect(plot_, &RecordingPlot::readoutChanged, readout_, &QLabel::setText);
    connect(plot_, &RecordingPlot::positionClicked, this, [this](double seconds) {
        if (player_->isPlaying()) player_->play(seconds);
    });
    connect(player_, &AudioPlayer::positionChanged, plot_, &RecordingPlot::setPlayPosition);
    ModelService* models = session_.models();
    connect(models, &ModelService::modelLoaded, this, [this](const ModelSummary& summary) {
        modelPanel_->showModel(summary);
        requestInspection();
    });
    connect(models, &ModelService::modelFailed, this, [this](const QString& message) {
        modelPanel_->showError(message);
        showError(tr("Could not load a model"), message);
    });
    connect(models, &ModelService::inspectionReady, this, [this](InspectionDataPtr inspection) {
        if (!modelPanel_->overlaysEnabled()) return;
        const int masked = int(std::count(inspection->masked.begin(), inspection->masked.end(), 1));
        modelPanel_->showInspection(inspection->meanLoss, inspection->chunkCount, masked);
        plot_->setInspection(std::move(inspection));
    });
    connect(models, &ModelService::inspectionFailed, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(modelPanel_, &ModelPanel::inspectSettingsChanged, inspectDelay_, qOverload<>(&QTimer::start));
    connect(plot_, &RecordingPlot::visibleRangeChanged, inspectDelay_, qOverload<>(&QTimer::start));
    connect(plot_, &RecordingPlot::patchClicked, modelPanel_, &ModelPanel::showPatch);
    connect(player_, &AudioPlayer::errorOccurred, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(pages_, &QTabWidget::currentChanged, this, &MainWindow::onPageChanged);
    connect(trainPage_, &TrainPage::openCheckpointRequested, this, &MainWindow::openCheckpoint);
}

MainWindow::~MainWindow() = default;

QMessageBox* MainWindow::loadErrorDialog() const { return errorDialog_.data(); }

QDockWidget* MainWindow::createDock(const QString& title, const QString& objectName, QWidget* widget) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    return dock;
}

void MainWindow::onPageChanged() {
    const bool inspect = pages_->currentWidget() == plot_;
    for (QDockWidget* dock : inspectDocks_) dock->setVisible(inspect);
    for (QAction* action : inspectActions_) action->setEnabled(inspect);
    if (!inspect && player_->isPlaying()) player_->stop();
}

void MainWindow::openCheckpoint(const QString& path) {
    pages_->setCurrentWidget(plot_);
    openFiles({path});
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Recordings…"), this, &MainWindow::chooseFiles);
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, [this] { updateRecentMenu(recentMenu_, session_.recentFiles().paths()); });
    file->addAction(tr("Open &Model…"), this, &MainWindow::chooseModel)->setShortcut(Qt::CTRL | Qt::Key_M);
    recentModelsMenu_ = file->addMenu(tr("Open Recent Mo&del"));
    connect(recentModelsMenu_, &QMenu::aboutToShow, this, [this] { updateRecentMenu(recentModelsMenu_, session_.recentModels().paths()); });
    QAction* close = file->addAction(tr("&Close Recording"), this, [this] { session_.close(list_->currentIndex().row()); });
    close->setShortcuts({QKeySequence::Close, QKeySequence::Delete});
    file->addSeparator();
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Inspect"), this, [this] { pages_->setCurrentWidget(plot_); })->setShortcut(Qt::CTRL | Qt::Key_1);
    view->addAction(tr("&Train"), this, [this] { pages_->setCurrentWidget(trainPage_); })->setShortcut(Qt::CTRL | Qt::Key_2);
    view->addSeparator();
    const auto inspectOnly = [this](QAction* action) {  // enabled only while the Inspect page shows
        inspectActions_ << action;
        return action;
    };
    inspectOnly(close);
    inspectOnly(view->addAction(tr("Zoom &In"), this, [this] { plot_->zoomBy(2.0); }))->setShortcuts({QKeySequence::ZoomIn, Qt::Key_Plus, Qt::Key_Equal});
    inspectOnly(view->addAction(tr("Zoom &Out"), this, [this] { plot_->zoomBy(0.5); }))->setShortcuts({QKeySequence::ZoomOut, Qt::Key_Minus});
    inspectOnly(view->addAction(tr("Zoom to &Fit"), this, [this] { plot_->zoomToFit(); }))->setShortcuts({Qt::CTRL | Qt::Key_0, Qt::Key_0});
    inspectOnly(view->addAction(tr("Scroll &Left"), this, [this] { plot_->panBy(-0.25); }))->setShortcut(Qt::Key_Left);
    inspectOnly(view->addAction(tr("Scroll &Right"), this, [this] { plot_->panBy(0.25); }))->setShortcut(Qt::Key_Right);

    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    QAction* play = inspectOnly(playback->addAction(tr("&Play / Stop"), this, &MainWindow::togglePlayback));
    play->setShortcut(Qt::Key_Space);
    inspectOnly(playback->addAction(tr("Go to &Start"), this, [this] {
        player_->stop();
        plot_->setPlayPosition(0.0);
    }))->setShortcut(Qt::Key_Home);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->addAction(open);
    toolbar->addAction(play);
}

void MainWindow::openFiles(const QStringList& paths) {
    if (!paths.isEmpty()) pages_->setCurrentWidget(plot_);
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

void MainWindow::chooseModel() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), {}, tr(kModelFilter));
    if (!path.isEmpty()) openFiles({path});
}

void MainWindow::requestInspection() {
    const RecordingDataPtr recording = plot_->recording();
    if (!session_.models()->model() || !recording || !modelPanel_->overlaysEnabled()) {
        plot_->setInspection(nullptr);
        return;
    }
    session_.models()->inspect(recording, modelPanel_->seed(), modelPanel_->maskRatio(), plot_->visibleBegin(), plot_->visibleEnd());
}

void MainWindow::chooseFiles() {
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open Recordings"), {}, tr(kAudioFilter));
    if (!paths.isEmpty()) openFiles(paths);
}

void MainWindow::updateRecentMenu(QMenu* menu, const QStringList& paths) {
    menu->clear();
    for (const QString& path : paths) menu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFiles({path}); })->setToolTip(path);
    if (menu->isEmpty()) menu->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) paths << url.toLocalFile();
    if (paths.isEmpty()) return;
    openFiles(paths);
    event->acceptProposedAction();
}

void MainWindow::showRow(int row) {
    if (row == shownRow_) return;
    RecordingDataPtr recording = row >= 0 ? session_.recordings()->recording(row) : nullptr;
    player_->setRecording(recording);
    if (!recording) {
        if (row >= 0) readout_->setText(session_.recordings()->data(session_.recordings()->index(row), Qt::ToolTipRole).toString());
        return;
    }
    shownRow_ = row;
    plot_->setRecording(recording);
    requestInspection();
    sourceInfo_->setText(recording->sourceDescription);
    setWindowTitle(tr("%1 — M2D-S Workbench").arg(QFileInfo(recording->path).fileName()));
}

void MainWindow::onRecordingReady(int row) {
    // Latest request wins: a finished recording is shown when nothing else is, or when the user selected it.
    if (shownRow_ < 0 || list_->currentIndex().row() == row || session_.loadingCount() == 0) {
        list_->setCurrentIndex(session_.recordings()->index(row));
        showRow(row);
    }
}

void MainWindow::onRecordingFailed(int row, const QString& message) {
    Q_UNUSED(row);
    showError(tr("Could not open a recording"), message);
}

void MainWindow::showError(const QString& title, const QString& message) {
    statusBar()->showMessage(message, 10000);
    if (errorDialog_ && errorDialog_->isVisible()) {
        errorDialog_->setInformativeText(errorDialog_->informativeText() + "\n" + message);
        return;
    }
    errorDialog_ = new QMessageBox(QMessageBox::Warning, title,
                                   tr("These files could not be opened. Recordings stay in the list, marked in red."),
                                   QMessageBox::Ok, this);
    errorDialog_->setObjectName(QStringLiteral("loadErrorDialog"));
    errorDialog_->setInformativeText(message);
    errorDialog_->setWindowModality(Qt::NonModal);
    errorDialog_->setAttribute(Qt::WA_DeleteOnClose);
    errorDialog_->show();
}

void MainWindow::updateLoadingProgress() {
    const RecordingListModel* model = session_.recordings();
    double sum = 0.0;
    int loading = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->state(row) != RecordingListModel::State::Loading) continue;
        sum += model->data(model->index(row), RecordingListModel::ProgressRole).toDouble();
        ++loading;
    }
    progress_->setVisible(loading > 0);
    if (loading > 0) {
        progress_->setValue(int(100 * sum / loading));
        progress_->setFormat(tr("loading %1 file(s) %p%").arg(loading));
    }
}

void MainWindow::togglePlayback() {
    if (player_->isPlaying())
        player_->stop();
    else
        player_->play(plot_->playPosition());
}

}  // namespace m2ds
