#pragma once
#include <QDialog>

#include "jobs/RunProbeRequest.h"
#include "views/RunProbeData.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace m2ds {

class PathPicker;
class RunProbeHeatMap;
class RunProbeService;

/// The Train page's "Probe checkpoints…": a labelled set, layers, clip pooling and folds; Probe runs them on every
/// checkpoint of the run on `service`, which then follows the run's folder and probes again when a checkpoint
/// appears; Cancel stops both. Progress, a summary line (with the log-mel baseline) and the layer × checkpoint heat
/// map of accuracy. Closing the dialog cancels.
class RunProbeDialog : public QDialog {
    Q_OBJECT
public:
    explicit RunProbeDialog(RunProbeService& service, QWidget* parent = nullptr);

    /// The run whose checkpoints are probed; another folder than the one followed cancels.
    void setRunFolder(const QString& folder);
    RunProbeRequest request() const;
    void setRequest(const RunProbeRequest& request);
    QString statusText() const;
    RunProbeHeatMap* heatMap() const { return heatMap_; }
    QPushButton* probeButton() const { return probe_; }
    QPushButton* cancelButton() const { return cancel_; }

private:
    QWidget* createSettings();
    void startProbe();
    void showResults(const RunProbeDataPtr& results);
    void showStatus(const QString& text, bool error);
    void updateControls();

    RunProbeService& service_;
    QString runFolder_;
    QLabel* folder_;
    PathPicker* labelSource_;
    QLineEdit* pattern_;
    QLineEdit* layers_;
    QComboBox* pooling_;
    QSpinBox* folds_;
    QProgressBar* progress_;
    QLabel* status_;
    RunProbeHeatMap* heatMap_;
    QPushButton* probe_;
    QPushButton* cancel_;
    bool running_ = false;
};

}  // namespace m2ds
