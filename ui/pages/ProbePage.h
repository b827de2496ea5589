#pragma once
#include <QWidget>

#include "views/ProbeResultsData.h"

class QLabel;
class QPushButton;

namespace m2ds {

class EmbeddingScatter;
class LayerWeightBars;
class PlotFrame;
class ProbeForm;
class ProbeLayerCurve;
class ProbeService;
class Session;
class SimilarityHeatMap;

/// The Probe page: a linear probe per layer of the loaded model (and further models) on a labelled set of
/// recordings, against the log-mel baseline. The form on the left; on the right a summary line, the accuracy per
/// layer, the weighted-sum layer weights, the CKA similarity between layers and the best layer's PCA scatter, each
/// savable as an image, and the results as JSON or CSV. A point of the scatter opens its recording in Inspect.
class ProbePage : public QWidget {
    Q_OBJECT
public:
    explicit ProbePage(Session& session, QWidget* parent = nullptr);
    ~ProbePage() override;

    ProbeForm* form() const { return form_; }
    ProbeService* service() const { return service_; }
    ProbeLayerCurve* layerCurve() const { return curve_; }
    LayerWeightBars* weightBars() const { return weights_; }
    SimilarityHeatMap* similarity() const { return similarity_; }
    EmbeddingScatter* scatter() const { return scatter_; }
    /// The summary above the plots.
    QString summaryText() const;

signals:
    /// Open `path` in Inspect and show it around `seconds` (negative: the whole recording).
    void openRecordingRequested(const QString& path, double seconds);
    /// A passing message for the status bar.
    void statusMessage(const QString& text, int milliseconds);

private:
    QWidget* createResults();
    void connectService();
    void showResults(const ProbeResultsDataPtr& results);
    void saveResults();

    Session& session_;
    ProbeService* service_;
    ProbeForm* form_;
    ProbeLayerCurve* curve_;
    LayerWeightBars* weights_;
    SimilarityHeatMap* similarity_;
    EmbeddingScatter* scatter_;
    QLabel* summary_;
    QPushButton* saveResults_;
};

}  // namespace m2ds
