#pragma once
#include <qcustomplot.h>

#include "views/ProbeResultsData.h"

namespace m2ds {

/// The examples of a probe on the first two principal components of one layer, coloured by label with a legend.
/// Hovering a point names its recording; clicking one asks for that recording (and frame) to be opened.
class EmbeddingScatter : public QCustomPlot {
    Q_OBJECT
public:
    explicit EmbeddingScatter(QWidget* parent = nullptr);

    /// Draws `projection` with `labelNames` (empty points: nothing).
    void setProjection(const ProbeProjection& projection, const QStringList& labelNames);
    const ProbeProjection& projection() const { return projection_; }
    /// The point nearest to a widget position within a few pixels, or -1.
    int pointAt(const QPoint& position) const;
    /// Where point `index` is drawn, in widget pixels.
    QPointF pixelOf(int index) const;

signals:
    /// A point was clicked: its recording and frame (-1 for a clip-level example).
    void pointClicked(const QString& file, int frame);

private:
    ProbeProjection projection_;
};

}  // namespace m2ds
