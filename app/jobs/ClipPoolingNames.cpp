#include "jobs/ClipPoolingNames.h"

#include "analysis/ClipPooling.h"

namespace m2ds {

QStringList clipPoolingNames() {
    QStringList names;
    for (ClipPoolingKind kind : {ClipPoolingKind::Mean, ClipPoolingKind::MeanStd, ClipPoolingKind::Max, ClipPoolingKind::First, ClipPoolingKind::Last})
        names << QString::fromStdString(clipPoolingName(kind));
    return names;
}

}  // namespace m2ds
