#include "widgets/PlotFrame.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "plots/PlotImageFile.h"

namespace m2ds {

PlotFrame::PlotFrame(const QString& title, QCustomPlot* plot, QWidget* parent)
    : QGroupBox(title, parent), plot_(plot), save_(new QToolButton(this)) {
    save_->setText(tr("Save image…"));
    save_->setToolTip(tr("Save this plot as a PNG image or a PDF document"));
    save_->setAutoRaise(true);
    auto* header = new QHBoxLayout;
    header->addStretch(1);
    header->addWidget(save_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(plot_, 1);
    connect(save_, &QToolButton::clicked, this, &PlotFrame::chooseImageFile);
}

QString PlotFrame::saveImage(const QString& path) {
    const QString problem = savePlotImage(*plot_, path);
    if (!problem.isEmpty()) emit saveFailed(problem);
    return problem;
}

void PlotFrame::chooseImageFile() {
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save %1").arg(title()), {}, plotImageFilter(), &filter);
    if (path.isEmpty()) return;
    const bool hasSuffix = !QFileInfo(path).suffix().isEmpty();
    saveImage(hasSuffix ? path : path + (filter.contains("pdf") ? ".pdf" : ".png"));
}

}  // namespace m2ds
