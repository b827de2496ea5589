#pragma once
#include <qcustomplot.h>

#include <QStringList>
#include <vector>

namespace m2ds {

/// A grid of cells coloured on a viridis scale with its colour bar, one tick label per row and column (about a dozen
/// at most), and a tool tip that describes the cell under the mouse: what SimilarityHeatMap and RunProbeHeatMap share.
/// Subclasses give the cells and say what a cell is.
class CellHeatMap : public QCustomPlot {
    Q_OBJECT
public:
    /// Cells drawn: rows × columns.
    int rowCount() const { return rows_; }
    int columnCount() const { return columns_; }
    /// The value drawn at (row, column); 0 outside the cells.
    double valueAt(int row, int column) const;
    /// The colour scale's range.
    QCPRange valueRange() const;
    /// What the cell at a widget position is (describeCell), or empty outside the cells.
    QString describeAt(const QPoint& position) const;

protected:
    /// scaleLabel: the colour bar's title.
    CellHeatMap(const QString& scaleLabel, QWidget* parent);

    /// Draws `values` ([rowLabels.size(), columnLabels.size()] row-major) on the colour scale `range`; rows go up the
    /// left axis, columns along the bottom. No labels: nothing drawn.
    void setCells(const QStringList& rowLabels, const QStringList& columnLabels, std::vector<double> values, QCPRange range);
    /// A line about the cell (row, column), both inside the grid.
    virtual QString describeCell(int row, int column) const = 0;

private:
    QCPColorMap* map_;
    QCPColorScale* scale_;
    int rows_ = 0;
    int columns_ = 0;
    std::vector<double> values_;
};

}  // namespace m2ds
