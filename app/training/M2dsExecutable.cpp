#include "training/M2dsExecutable.h"

#include <QCoreApplication>
#include <QDir>

namespace m2ds {

QString m2dsExecutablePath() {
    const QString override = qEnvironmentVariable("M2DS_CLI");
    if (!override.isEmpty()) return override;
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("m2ds"));
}

}  // namespace m2ds
