#pragma once
#include <QStringList>

namespace m2ds {

/// Core's clip pooling names ("mean", "mean+std", "max", "first", "last"), the default first: what the Probe form and
/// the export dialog offer.
QStringList clipPoolingNames();

}  // namespace m2ds
