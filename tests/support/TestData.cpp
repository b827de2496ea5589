#include "TestData.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QFileInfo>

namespace m2ds::test {

QString sourcePath(const QString& relative) {
    return QDir(QStringLiteral(M2DS_TEST_SOURCE_DIR)).absoluteFilePath(relative);
}

QString binaryPath(const QString& relative) {
    return QDir(QStringLiteral(M2DS_TEST_BINARY_DIR)).absoluteFilePath(relative);
}

void isolateSettings() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("m2ds-tests"));
}

bool underCi() { return qEnvironmentVariable("CI") == QLatin1String("true"); }

QString missingRecordingMessage(const QString& path, const QString& package) {
    if (QFileInfo::exists(path)) return {};
    return QStringLiteral("%1 is missing: install the Debian package %2 (packaging/install-deps.sh --tests)")
        .arg(path, package);
}

}  // namespace m2ds::test
