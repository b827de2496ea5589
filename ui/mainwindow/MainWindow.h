#pragma once
#include <QMainWindow>
#include <QPointer>

class QLabel;
class QListView;
class QMenu;
class QMessageBox;
class QProgressBar;
class QTimer;

namespace m2ds {

class AudioPlayer;
class ModelPanel;
class RecordingPlot;
class Session;

/// The workbench window: recordings list on the left, waveform + spectrogram in the centre, a cursor read-out
/// and loading progress in the status bar. Files arrive by the Open dialog, drag and drop, recent files or
/// the command line; a file that cannot be opened is reported in a non-modal dialog and stays in the list.
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
    /// The dialog listing files that could not be opened, or null if none was shown.
    QMessageBox* loadErrorDialog() const;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
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
    QTimer* inspectDelay_;
    QMenu* recentMenu_ = nullptr;
    QMenu* recentModelsMenu_ = nullptr;
    QPointer<QMessageBox> errorDialog_;
    int shownRow_ = -1;
};

}  // namespace m2ds
