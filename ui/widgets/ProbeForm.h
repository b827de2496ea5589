#pragma once
#include <QWidget>

#include "jobs/ProbeRequest.h"
#include "views/ProbeResultsData.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace m2ds {

class PathPicker;

/// The Probe page's settings: the labelled set (folder or CSV, an optional path pattern and group column), layers,
/// clip pooling, folds and further models beside the loaded one; Estimate / Run / Cancel, a progress bar, what the
/// run would cost and what went wrong.
class ProbeForm : public QWidget {
    Q_OBJECT
public:
    explicit ProbeForm(QWidget* parent = nullptr);

    /// The form's values.
    ProbeRequest request() const;
    void setRequest(const ProbeRequest& request);
    /// The pooling names offered (core's), the first chosen.
    void setPoolingChoices(const QStringList& names);
    /// The model the probe runs on first (empty: none loaded).
    void setLoadedModel(const QString& name);

    /// A job runs (fraction in [0, 1]) or ended (fraction < 0).
    void showProgress(double fraction);
    /// "N recordings, M cached, ~X MB, ~Y s of audio".
    void showEstimate(const ProbeEstimateData& estimate);
    /// A line about the last run, or the problem that stopped it (shown as an error).
    void showStatus(const QString& text);
    void showError(const QString& message);
    QString estimateText() const;
    QString statusText() const;
    bool isRunning() const { return running_; }

signals:
    void estimateRequested();
    void runRequested();
    void cancelRequested();

private:
    QWidget* createModelList();
    void addModels(const QStringList& paths);
    void updateButtons();

    PathPicker* source_;
    QLineEdit* pattern_;
    QLineEdit* group_;
    QLineEdit* layers_;
    QComboBox* pooling_;
    QSpinBox* folds_;
    QLabel* loadedModel_;
    QListWidget* models_;
    QPushButton* estimate_;
    QPushButton* run_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* estimateText_;
    QLabel* status_;
    bool running_ = false;
    bool hasLoadedModel_ = false;
};

}  // namespace m2ds
