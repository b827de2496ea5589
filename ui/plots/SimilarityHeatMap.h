#pragma once
#include <qcustomplot.h>

#include "views/ProbeResultsData.h"

namespace m2ds {

/// Linear CKA between layers as a heat map on a fixed 0…1 scale (viridis), the rows' model up the left axis and the
/// columns' model along the bottom (axis labels name them when they differ); hovering a cell shows its two layers and
/// value.
class SimilarityHeatMap : public QCustomPlot {
    Q_OBJECT
public:
    explicit SimilarityHeatMap(QWidget* parent = nullptr);

    /// Draws `similarity` (empty: nothing).
    void setSimilarity(const ProbeSimilarity& similarity);
    /// Cells drawn: rows × columns.
    int rowCount() const { return int(similarity_.rowLayers.size()); }
    int columnCount() const { return int(similarity_.columnLayers.size()); }
    /// The value drawn at (row, column).
    double valueAt(int row, int column) const;
    /// "layer a of A × layer b of B: value" at a widget position, or empty outside the cells.
    QString describeAt(const QPoint& position) const;

private:
    QCPColorMap* map_;
    QCPColorScale* scale_;
    ProbeSimilarity similarity_;
};

}  // namespace m2ds
