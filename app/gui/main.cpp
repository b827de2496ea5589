// m2ds-workbench: the desktop workbench. Arguments are recordings and checkpoints to open; with none, the first
// start opens the bundled demo recording and the demo model this project trained (models/demo).
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

QString bundledDemoModel() {
    return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral(M2DS_DEMO_MODEL_RELATIVE_PATH));
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
    if (files.isEmpty() && !settings.value(QStringLiteral("demoShown")).toBool()) {
        for (const QString& demo : {bundledDemoRecording(), bundledDemoModel()})
            if (QFileInfo::exists(demo)) files << demo;
    }
    settings.setValue(QStringLiteral("demoShown"), true);
    window.show();
    window.openFiles(files);
    return QApplication::exec();
}
