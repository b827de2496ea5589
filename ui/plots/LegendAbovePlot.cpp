#include "plots/LegendAbovePlot.h"

#include <qcustomplot.h>

namespace m2ds {

void placeLegendAbovePlot(QCustomPlot& plot) {
    QCPLegend* legend = plot.legend;
    legend->setVisible(true);
    legend->setFont(QFont(plot.font().family(), 8));
    legend->setBorderPen(Qt::NoPen);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setWrap(2);
    plot.plotLayout()->insertRow(0);
    plot.plotLayout()->addElement(0, 0, legend);
    plot.plotLayout()->setRowStretchFactor(0, 0.001);  // as tall as its entries, the axis rect takes the rest
    legend->setMargins(QMargins(4, 2, 4, 0));
}

}  // namespace m2ds
