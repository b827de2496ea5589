#include "mainwindow/MainWindow.h"

#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include "dialogs/ExportEmbeddingsDialog.h"
#include "jobs/EmbeddingExportService.h"
#include "jobs/ModelService.h"
#include "pages/InspectPage.h"
#include "pages/ProbePage.h"
#include "pages/TrainPage.h"
#include "plots/RecordingPlot.h"
#include "session/Session.h"
#include "widgets/ClusterPanel.h"
#include "widgets/LayerPanel.h"
#include "training/M2dsExecutable.h"
#include "training/TrainPresets.h"
#include "widgets/LoadingProgressBar.h"
#include "widgets/ModelPanel.h"

namespace m2ds {
namespace {
const char* const kAudioFilter =
    "Audio (*.wav *.flac *.ogg *.oga *.opus *.mp3 *.aif *.aiff *.au *.caf *.w64 *.rf64);;All files (*)";
const char* const kModelFilter = "M2D / M2D-S checkpoints (*.pth *.pt *.safetensors);;All files (*)";

/// 85 % of the screen's free area, centred on it; at least what the pages need.
QRect initialGeometry(const QScreen* screen) {
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1280, 800);
    const QSize size = (available.size() * 0.85).expandedTo(QSize(960, 600)).boundedTo(available.size());
    return QRect(available.topLeft() + QPoint((available.width() - size.width()) / 2, (available.height() - size.height()) / 2), size);
}
}  // namespace

MainWindow::MainWindow(Session& session, QWidget* parent)
    : QMainWindow(parent), session_(session), inspectPage_(new InspectPage(session, this)),
      trainPage_(new TrainPage(TrainPresets::load(session.presetsDirectory()), m2dsExecutablePath(), this)),
      probePage_(new ProbePage(session, this)), exports_(new EmbeddingExportService(*session.models(), this)), pages_(new QTabWidget(this)),
      readout_(new QLabel(this)), sourceInfo_(new QLabel(this)) {
    setWindowTitle(tr("M2D-S Workbench"));
    setAcceptDrops(true);
    pages_->setObjectName(QStringLiteral("pages"));
    pages_->setDocumentMode(true);
    pages_->addTab(inspectPage_, tr("Inspect"));
    pages_->addTab(trainPage_, tr("Train"));
    pages_->addTab(probePage_, tr("Probe"));
    setCentralWidget(pages_);
    setGeometry(initialGeometry(screen()));
    createDocks();
    createStatusBar();
    createMenus();
    connectPages();
}

MainWindow::~MainWindow() = default;

ModelPanel* MainWindow::modelPanel() const { return inspectPage_->modelPanel(); }
RecordingPlot* MainWindow::recordingPlot() const { return inspectPage_->recordingPlot(); }
QListView* MainWindow::recordingList() const { return inspectPage_->recordingList(); }
QMessageBox* MainWindow::loadErrorDialog() const { return errorDialog_.data(); }

void MainWindow::createDocks() {
    auto* modelScroll = new QScrollArea(this);
    modelScroll->setWidget(inspectPage_->modelPanel());
    modelScroll->setWidgetResizable(true);
    modelScroll->setFrameShape(QFrame::NoFrame);
    // The panel's text wraps to the dock's width; the dock is never narrower than the panel's controls, so nothing
    // scrolls or is cut off sideways.
    modelScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    modelScroll->setMinimumWidth(inspectPage_->modelPanel()->minimumSizeHint().width() + modelScroll->verticalScrollBar()->sizeHint().width());
    inspectDocks_ = {createDock(tr("Recordings"), QStringLiteral("recordingsDock"), inspectPage_->recordingList()),
                     createDock(tr("Model"), QStringLiteral("modelDock"), modelScroll),
                     createDock(tr("Clusters"), QStringLiteral("clustersDock"), inspectPage_->clusterPanel()),
                     createDock(tr("Layers"), QStringLiteral("layersDock"), inspectPage_->layerPanel())};
    tabifyDockWidget(inspectDocks_[2], inspectDocks_[3]);  // Clusters and Layers share a place; Clusters in front
    inspectDocks_[2]->raise();
}

QDockWidget* MainWindow::createDock(const QString& title, const QString& objectName, QWidget* widget) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    return dock;
}

void MainWindow::createStatusBar() {
    readout_->setMinimumWidth(420);
    statusBar()->addWidget(readout_, 1);
    statusBar()->addPermanentWidget(sourceInfo_);
    statusBar()->addPermanentWidget(new LoadingProgressBar(session_.recordings(), this));
}

void MainWindow::createMenus() {
    const InspectActions& inspect = inspectPage_->actions();
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Recordings…"), this, &MainWindow::chooseFiles);
    open->setShortcut(QKeySequence::Open);
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] { updateRecentMenu(recent, session_.recentFiles().paths()); });
    file->addAction(tr("Open &Model…"), this, &MainWindow::chooseModel)->setShortcut(Qt::CTRL | Qt::Key_M);
    QMenu* recentModels = file->addMenu(tr("Open Recent Mo&del"));
    connect(recentModels, &QMenu::aboutToShow, this, [this, recentModels] { updateRecentMenu(recentModels, session_.recentModels().paths()); });
    file->addAction(inspect.closeRecording);
    file->addSeparator();
    file->addAction(tr("&Export Embeddings…"), this, &MainWindow::showExportEmbeddings)->setShortcut(Qt::CTRL | Qt::Key_E);
    file->addSeparator();
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Inspect"), this, [this] { pages_->setCurrentWidget(inspectPage_); })->setShortcut(Qt::CTRL | Qt::Key_1);
    view->addAction(tr("&Train"), this, [this] { pages_->setCurrentWidget(trainPage_); })->setShortcut(Qt::CTRL | Qt::Key_2);
    view->addAction(tr("&Probe"), this, [this] { pages_->setCurrentWidget(probePage_); })->setShortcut(Qt::CTRL | Qt::Key_3);
    view->addSeparator();
    view->addActions(inspect.view);
    QMenu* lanes = view->addMenu(tr("&Lanes"));
    connect(lanes, &QMenu::aboutToShow, this, [this, lanes] {
        lanes->clear();
        recordingPlot()->populateLaneMenu(lanes);
    });
    menuBar()->addMenu(tr("&Playback"))->addActions(inspect.playback);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->addAction(open);
    toolbar->addAction(inspect.play);
}

void MainWindow::connectPages() {
    connect(pages_, &QTabWidget::currentChanged, this, &MainWindow::onPageChanged);
    connect(trainPage_, &TrainPage::openCheckpointRequested, this, [this](const QString& path) { openFiles({path}); });
    connect(probePage_, &ProbePage::openRecordingRequested, this, [this](const QString& path, double seconds) {
        pages_->setCurrentWidget(inspectPage_);
        inspectPage_->showRecordingAt(path, seconds);
    });
    connect(probePage_, &ProbePage::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(exports_, &EmbeddingExportService::exported, statusBar(), [this](const QString& summary) { statusBar()->showMessage(summary, 10000); });
    connect(inspectPage_, &InspectPage::readoutChanged, readout_, &QLabel::setText);
    connect(inspectPage_, &InspectPage::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(inspectPage_, &InspectPage::errorOccurred, this, &MainWindow::showError);
    connect(inspectPage_, &InspectPage::recordingShown, this, [this](const QString& path, const QString& source) {
        sourceInfo_->setText(source);
        setWindowTitle(tr("%1 — M2D-S Workbench").arg(QFileInfo(path).fileName()));
    });
}

void MainWindow::onPageChanged() {
    const bool inspect = pages_->currentWidget() == inspectPage_;
    for (QDockWidget* dock : inspectDocks_) dock->setVisible(inspect);
    inspectPage_->setActive(inspect);
}

void MainWindow::openFiles(const QStringList& paths) {
    if (paths.isEmpty()) return;
    pages_->setCurrentWidget(inspectPage_);
    inspectPage_->openFiles(paths);
}

ExportEmbeddingsDialog* MainWindow::showExportEmbeddings() {
    if (!exportDialog_) {
        QStringList recordings;
        for (int row = 0; row < session_.recordings()->rowCount(); ++row)
            if (const RecordingDataPtr recording = session_.recordings()->recording(row)) recordings << recording->path;
        const auto& model = session_.models()->model();
        exportDialog_ = new ExportEmbeddingsDialog(*exports_, recordings, model ? model->name : QString(), this);
        exportDialog_->setAttribute(Qt::WA_DeleteOnClose);
    }
    exportDialog_->show();
    exportDialog_->raise();
    return exportDialog_;
}

void MainWindow::chooseFiles() {
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open Recordings"), {}, tr(kAudioFilter));
    openFiles(paths);
}

void MainWindow::chooseModel() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), {}, tr(kModelFilter));
    if (!path.isEmpty()) openFiles({path});
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

}  // namespace m2ds
