#pragma once
#include "plots/CellHeatMap.h"
#include "views/ProbeResultsData.h"

namespace m2ds {

/// Linear CKA between layers as a heat map on a fixed 0…1 scale (viridis), the rows' model up the left axis and the
/// columns' model along the bottom (axis labels name them when they differ); hovering a cell shows its two layers and
/// value.
class SimilarityHeatMap : public CellHeatMap {
    Q_OBJECT
public:
    explicit SimilarityHeatMap(QWidget* parent = nullptr);

    /// Draws `similarity` (empty: nothing).
    void setSimilarity(const ProbeSimilarity& similarity);

protected:
    /// "layer a of A × layer b of B: CKA value".
    QString describeCell(int row, int column) const override;

private:
    ProbeSimilarity similarity_;
};

}  // namespace m2ds
