#pragma once
#include <qcustomplot.h>

#include "views/ProbeResultsData.h"

namespace m2ds {

/// The weights the weighted-sum probe learned for each layer (softmax, summing to 1): bars per layer, one set per
/// model side by side.
class LayerWeightBars : public QCustomPlot {
    Q_OBJECT
public:
    explicit LayerWeightBars(QWidget* parent = nullptr);

    /// Draws `results` (null: empty).
    void setResults(const ProbeResultsDataPtr& results);
    /// Bars drawn for model `model`.
    int barCount(int model) const;

private:
    QCPBarsGroup* group_;
    std::vector<QCPBars*> bars_;
};

}  // namespace m2ds
