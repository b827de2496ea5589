#pragma once
#include <qcustomplot.h>

#include "views/ProbeResultsData.h"

namespace m2ds {

/// Probe accuracy against the layer: one line per model with error bars of ± one standard deviation over folds, and
/// the log-mel baseline as a dashed line inside a band of ± its standard deviation across the whole width.
class ProbeLayerCurve : public QCustomPlot {
    Q_OBJECT
public:
    explicit ProbeLayerCurve(QWidget* parent = nullptr);

    /// Draws `results` (null: empty).
    void setResults(const ProbeResultsDataPtr& results);
    /// Models drawn.
    int modelCount() const { return int(models_.size()); }
    /// Layers drawn for model `model` (one point each).
    int pointCount(int model) const;
    /// True when the baseline is drawn; its accuracy.
    bool hasBaseline() const { return baseline_ != nullptr; }
    double baselineAccuracy() const;

private:
    void addModel(const ProbeModelCurve& model, const QColor& colour);
    void addBaseline(const ProbeScoreValue& baseline, double left, double right);
    /// Every point ± its std and the baseline band in view.
    void fitValueAxis(const ProbeResultsData& results);

    std::vector<QCPGraph*> models_;
    QCPGraph* baseline_ = nullptr;
};

}  // namespace m2ds
