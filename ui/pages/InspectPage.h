#pragma once
#include <QList>
#include <QWidget>
#include <vector>

#include "views/RecordingData.h"

class QAction;
class QListView;
class QTimer;

namespace m2ds {

class AudioPlayer;
class ClusterPanel;
class ClusterService;
class ClusterTierLane;
class LayerPanel;
class LayerService;
class ModelPanel;
class RecordingPlot;
class SegmentPlaylist;
class Session;

/// The actions of the Inspect page, for the window's menus and toolbar; enabled only while the page is current.
struct InspectActions {
    QAction* closeRecording;
    QList<QAction*> view;      ///< zoom in/out/fit, scroll left/right
    QList<QAction*> playback;  ///< play/stop, go to start
    QAction* play;
};

/// The Inspect page: the lanes of the recording chosen in the recordings list (RecordingPlot), its playback, and the
/// loaded model's Inspect marks, requested again ("latest wins") whenever the view, the mask seed or ratio change.
/// The recordings list and the Model panel are the page's, shown in the window's docks.
class InspectPage : public QWidget {
    Q_OBJECT
public:
    explicit InspectPage(Session& session, QWidget* parent = nullptr);
    ~InspectPage() override;

    /// Opens recordings and models (.pth, .pt, .safetensors).
    void openFiles(const QStringList& paths);
    /// Shows recording `path` (opening it first if needed) with `seconds` in view and the play cursor there; a negative
    /// time shows the whole recording.
    void showRecordingAt(const QString& path, double seconds);
    /// Enables the page's actions while it is current; leaving it stops playback.
    void setActive(bool active);

    /// The page's parts: the recording view, and the widgets the window puts into docks.
    RecordingPlot* recordingPlot() const { return plot_; }
    QListView* recordingList() const { return list_; }
    ModelPanel* modelPanel() const { return modelPanel_; }
    ClusterPanel* clusterPanel() const { return clusterPanel_; }
    LayerPanel* layerPanel() const { return layerPanel_; }
    /// The page's actions, for the window's menus.
    const InspectActions& actions() const { return actions_; }

signals:
    /// One line about what is under the mouse.
    void readoutChanged(const QString& text);
    /// A recording is now shown.
    void recordingShown(const QString& path, const QString& sourceDescription);
    /// A passing message for the status bar.
    void statusMessage(const QString& text, int milliseconds);
    /// Something the user asked for failed (a recording or model that cannot be opened).
    void errorOccurred(const QString& title, const QString& message);

private:
    void createActions();
    void connectModel();
    void connectClusters();
    void connectLayers();
    /// Asks for the layer view of the shown recording (or hides it when switched off).
    void requestLayerView();
    /// Asks for the attention map of the last patch clicked in the spectrogram (or hides it when switched off).
    void requestAttention();
    /// The open recordings that finished loading, and their paths.
    std::vector<RecordingDataPtr> readyRecordingData() const;
    QStringList readyRecordings() const;
    /// Fits the model's reconstruction readout on the open recordings; unless `again`, only when it has none.
    void fitReadout(bool again);
    /// Plays the segments of cluster `id` in the shown recording, one after another.
    void playCluster(int id);
    /// Lane order and the lanes the user hid are a UI preference, kept in QSettings.
    void restoreLanes();
    void saveLanes() const;
    void showRow(int row);
    /// Moves the view to the time showRecordingAt() asked for, once its recording is shown.
    void applyPendingSeek();
    void onRecordingReady(int row);
    void requestInspection();
    void togglePlayback();

    Session& session_;
    AudioPlayer* player_;
    RecordingPlot* plot_;
    QListView* list_;
    ModelPanel* modelPanel_;
    ClusterPanel* clusterPanel_;
    ClusterService* clusters_;
    ClusterTierLane* clusterLane_;
    LayerPanel* layerPanel_;
    LayerService* layers_;
    SegmentPlaylist* playlist_;
    QTimer* inspectDelay_;
    InspectActions actions_{};
    int shownRow_ = -1;
    double attentionSeconds_ = -1.0;  ///< the last click in the spectrogram (negative: none)
    int attentionMel_ = 0;
    QString seekPath_;                ///< the recording showRecordingAt() waits for (absolute path; empty: none)
    double seekSeconds_ = -1.0;
};

}  // namespace m2ds
