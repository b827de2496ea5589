// m2ds-workbench: the desktop workbench. Arguments are recordings to open; with none, the first start opens
// the bundled demo recording.
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include "mainwindow/MainWindow.h"
#include "session/Session.h"

namespace {

QString bundledDemoRecording() {
    return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral(M2DS_DEMO_RELATIVE_PATH));
}

QString presetsDirectory() {
    return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral(M2DS_PRESETS_RELATIVE_PATH));
}

}  // namespace

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("m2ds"));
    QApplication::setApplicationName(QStringLiteral("M2D-S Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(M2DS_VERSION));

    m2ds::Session session(presetsDirectory());
    m2ds::MainWindow window(session);
    QStringList files = QApplication::arguments().mid(1);
    QSettings settings;
    if (files.isEmpty() && !settings.value(QStringLiteral("demoShown")).toBool() && QFileInfo::exists(bundledDemoRecording()))
        files << bundledDemoRecording();
    settings.setValue(QStringLiteral("demoShown"), true);
    window.show();
    window.openFiles(files);
    return QApplication::exec();
}
