#pragma once
#include <QGroupBox>

class QCustomPlot;
class QToolButton;

namespace m2ds {

/// A plot under a title with a "Save image…" button (PNG or PDF through savePlotImage); a failed save is reported
/// by saveFailed().
class PlotFrame : public QGroupBox {
    Q_OBJECT
public:
    /// Takes `plot` as its child.
    PlotFrame(const QString& title, QCustomPlot* plot, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return plot_; }
    /// Saves the plot to `path` (.png or .pdf); returns an empty string or the problem, which saveFailed() also carries.
    QString saveImage(const QString& path);

signals:
    void saveFailed(const QString& message);

private:
    void chooseImageFile();

    QCustomPlot* plot_;
    QToolButton* save_;
};

}  // namespace m2ds
