#include "mainwindow/MainWindow.h"

#include <QAction>
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
#include <QStatusBar>
#include <QToolBar>

#include "playback/AudioPlayer.h"
#include "plots/RecordingPlot.h"
#include "session/Session.h"

namespace m2ds {
namespace {
const char* const kAudioFilter =
    "Audio (*.wav *.flac *.ogg *.oga *.opus *.mp3 *.aif *.aiff *.au *.caf *.w64 *.rf64);;All files (*)";
}

MainWindow::MainWindow(Session& session, QWidget* parent)
    : QMainWindow(parent), session_(session), player_(new AudioPlayer(this)), plot_(new RecordingPlot(this)),
      list_(new QListView(this)), readout_(new QLabel(this)), sourceInfo_(new QLabel(this)), progress_(new QProgressBar(this)) {
    setWindowTitle(tr("M2D-S Workbench"));
    setAcceptDrops(true);
    setCentralWidget(plot_);
    resize(1280, 760);

    list_->setModel(session_.recordings());
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* dock = new QDockWidget(tr("Recordings"), this);
    dock->setObjectName(QStringLiteral("recordingsDock"));
    dock->setWidget(list_);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

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
    connect(player_, &AudioPlayer::errorOccurred, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
}

MainWindow::~MainWindow() = default;

QMessageBox* MainWindow::loadErrorDialog() const { return errorDialog_.data(); }

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Recordings…"), this, &MainWindow::chooseFiles);
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    QAction* close = file->addAction(tr("&Close Recording"), this, [this] { session_.close(list_->currentIndex().row()); });
    close->setShortcuts({QKeySequence::Close, QKeySequence::Delete});
    file->addSeparator();
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), this, [this] { plot_->zoomBy(2.0); })->setShortcuts({QKeySequence::ZoomIn, Qt::Key_Plus, Qt::Key_Equal});
    view->addAction(tr("Zoom &Out"), this, [this] { plot_->zoomBy(0.5); })->setShortcuts({QKeySequence::ZoomOut, Qt::Key_Minus});
    view->addAction(tr("Zoom to &Fit"), this, [this] { plot_->zoomToFit(); })->setShortcuts({Qt::CTRL | Qt::Key_0, Qt::Key_0});
    view->addAction(tr("Scroll &Left"), this, [this] { plot_->panBy(-0.25); })->setShortcut(Qt::Key_Left);
    view->addAction(tr("Scroll &Right"), this, [this] { plot_->panBy(0.25); })->setShortcut(Qt::Key_Right);

    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    QAction* play = playback->addAction(tr("&Play / Stop"), this, &MainWindow::togglePlayback);
    play->setShortcut(Qt::Key_Space);
    playback->addAction(tr("Go to &Start"), this, [this] {
        player_->stop();
        plot_->setPlayPosition(0.0);
    })->setShortcut(Qt::Key_Home);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->addAction(open);
    toolbar->addAction(play);
}

void MainWindow::openFiles(const QStringList& paths) { session_.open(paths); }

void MainWindow::chooseFiles() {
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open Recordings"), {}, tr(kAudioFilter));
    if (!paths.isEmpty()) openFiles(paths);
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    for (const QString& path : session_.recentFiles().paths())
        recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openFiles({path}); })->setToolTip(path);
    if (recentMenu_->isEmpty()) recentMenu_->addAction(tr("(none)"))->setEnabled(false);
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
    RecordingDataPtr data = row >= 0 ? session_.recordings()->recording(row) : nullptr;
    player_->setRecording(data);
    if (!data) {
        if (row >= 0) readout_->setText(session_.recordings()->data(session_.recordings()->index(row), Qt::ToolTipRole).toString());
        return;
    }
    shownRow_ = row;
    plot_->setRecording(data);
    sourceInfo_->setText(data->sourceDescription);
    setWindowTitle(tr("%1 — M2D-S Workbench").arg(QFileInfo(data->path).fileName()));
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
    statusBar()->showMessage(message, 10000);
    if (errorDialog_ && errorDialog_->isVisible()) {
        errorDialog_->setInformativeText(errorDialog_->informativeText() + "\n" + message);
        return;
    }
    errorDialog_ = new QMessageBox(QMessageBox::Warning, tr("Could not open a recording"),
                                   tr("These files could not be opened. They stay in the list, marked in red."),
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
