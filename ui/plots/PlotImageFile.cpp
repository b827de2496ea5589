#include "plots/PlotImageFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <filesystem>
#include <qcustomplot.h>
#include <system_error>

namespace m2ds {

QString savePlotImage(QCustomPlot& plot, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf"))
        return QCoreApplication::translate("PlotImageFile", "%1: a plot is saved as .png or .pdf").arg(path);
    const QString partial = path + QStringLiteral(".partial");
    const bool written = suffix == QLatin1String("png") ? plot.savePng(partial, 0, 0, 2.0) : plot.savePdf(partial);
    if (!written) {
        QFile::remove(partial);
        return QCoreApplication::translate("PlotImageFile", "%1: cannot be written (folder missing or read-only?)").arg(path);
    }
    std::error_code error;
    std::filesystem::rename(std::filesystem::path(partial.toStdU16String()), std::filesystem::path(path.toStdU16String()), error);
    if (!error) return {};
    QFile::remove(partial);
    return QCoreApplication::translate("PlotImageFile", "%1: %2").arg(path, QString::fromStdString(error.message()));
}

QString plotImageFilter() { return QCoreApplication::translate("PlotImageFile", "PNG image (*.png);;PDF document (*.pdf)"); }

}  // namespace m2ds
