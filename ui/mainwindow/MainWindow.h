#pragma once
#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QLabel;
class QListView;
class QMenu;
class QMessageBox;
class QProgressBar;
class QTabWidget;
class QTimer;

namespace m2ds {

class AudioPlayer;
class ModelPanel;
class RecordingPlot;
class Session;
class TrainPage;

/// The workbench window, two pages. Inspect: recordings list on the left, waveform + spectrogram in the
/// centre, a cursor read-out and loading progress in the status bar; files arrive by the Open dialog, drag and
/// drop, recent files or the command line; a file that cannot be opened is reported in a non-modal dialog and
/// stays in the list. Train: launch, watch, stop and resume `m2ds train` runs; a checkpoint opens in Inspect.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Session& session, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens recordings and models (.pth, .pt, .safetensors), as if dropped on the window.
    void openFiles(const QStringList& paths);
    ModelPanel* modelPanel() const { return modelPanel_; }
    RecordingPlot* recordingPlot() const { return plot_; }
    QListView* recordingList() const { return list_; }
    TrainPage* trainPage() const { return trainPage_; }
    /// The page switch: Inspect (index 0) and Train (index 1).
    QTabWidget* pages() const { return pages_; }
    /// The dialog listing files that could not be opened, or null if none was shown.
    QMessageBox* loadErrorDialog() const;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    QDockWidget* createDock(const QString& title, const QString& objectName, QWidget* widget);
    /// Shows the docks and enables the actions of the Inspect page only while it is the current page.
    void onPageChanged();
    void openCheckpoint(const QString& path);
    void showRow(int row);
    void onRecordingReady(int row);
    void onRecordingFailed(int row, const QString& message);
    void updateLoadingProgress();
    void updateRecentMenu(QMenu* menu, const QStringList& paths);
    void showError(const QString& title, const QString& message);
    void requestInspection();
    void chooseModel();
    void togglePlayback();
    void chooseFiles();

    Session& session_;
    AudioPlayer* player_;
    RecordingPlot* plot_;
    QListView* list_;
    QLabel* readout_;
    QLabel* sourceInfo_;
    QProgressBar* progress_;
    ModelPanel* modelPanel_;
    TrainPage* trainPage_;
    QTabWidget* pages_;
    QList<QDockWidget*> inspectDocks_;
    QList<QAction*> inspectActions_;
    QTimer* inspectDelay_;
    QMenu* recentMenu_ = nullptr;
    QMenu* recentModelsMenu_ = nullptr;
    QPointer<QMessageBox> errorDialog_;
    int shownRow_ = -1;
};

}  // namespace m2ds
