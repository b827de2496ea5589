#pragma once
#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QLabel;
class QListView;
class QMenu;
class QMessageBox;
class QTabWidget;

namespace m2ds {

class EmbeddingExportService;
class ExportEmbeddingsDialog;
class InspectPage;
class ModelPanel;
class ProbePage;
class RecordingPlot;
class Session;
class TrainPage;

/// The workbench window: it wires pages, menus, docks and the status bar. Pages: Inspect (Ctrl+1; its recordings
/// list and Model panel in docks on the left, shown only with it), Train (Ctrl+2) and Probe (Ctrl+3). Files arrive by
/// the Open dialogs, drag and drop, the recent lists or the command line; what cannot be opened is reported in a
/// non-modal dialog. A checkpoint the Train page offers opens in Inspect, and so does a recording clicked in the Probe
/// page's scatter. File ▸ Export Embeddings… opens a non-modal dialog whose export runs as a job.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Session& session, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens recordings and models (.pth, .pt, .safetensors) in Inspect, as if dropped on the window.
    void openFiles(const QStringList& paths);
    /// The pages and the Inspect page's parts, for tests and diagnostics.
    InspectPage* inspectPage() const { return inspectPage_; }
    ModelPanel* modelPanel() const;
    RecordingPlot* recordingPlot() const;
    QListView* recordingList() const;
    TrainPage* trainPage() const { return trainPage_; }
    ProbePage* probePage() const { return probePage_; }
    /// The page switch: Inspect (index 0), Train (index 1) and Probe (index 2).
    QTabWidget* pages() const { return pages_; }
    /// The dialog listing files that could not be opened, or null if none was shown.
    QMessageBox* loadErrorDialog() const;
    /// Opens (or raises) the Export Embeddings dialog for the open recordings and the loaded model; returns it.
    ExportEmbeddingsDialog* showExportEmbeddings();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createDocks();
    void createStatusBar();
    void createMenus();
    void connectPages();
    QDockWidget* createDock(const QString& title, const QString& objectName, QWidget* widget);
    /// The Inspect docks and actions live only while Inspect is the current page.
    void onPageChanged();
    void updateRecentMenu(QMenu* menu, const QStringList& paths);
    void showError(const QString& title, const QString& message);
    void chooseFiles();
    void chooseModel();

    Session& session_;
    InspectPage* inspectPage_;
    TrainPage* trainPage_;
    ProbePage* probePage_;
    EmbeddingExportService* exports_;
    QTabWidget* pages_;
    QLabel* readout_;
    QLabel* sourceInfo_;
    QList<QDockWidget*> inspectDocks_;
    QPointer<QMessageBox> errorDialog_;
    QPointer<ExportEmbeddingsDialog> exportDialog_;
};

}  // namespace m2ds
