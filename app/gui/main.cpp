// m2ds-workbench: the desktop workbench. Arguments are recordings and checkpoints to open; with none, the first
// start opens the bundled demo recording and the demo model this project trained (models/demo).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTextStream>
#include <memory>

#include "jobs/ModelService.h"
#include "mainwindow/MainWindow.h"
#include "session/Session.h"

namespace {

/// A bundled file, given relative to the executable's folder (bin/../share/m2ds/..., built or installed).
QString bundledPath(const char* relativeToExecutable) {
    const QDir executableDir(QCoreApplication::applicationDirPath());
    return QDir::cleanPath(executableDir.absoluteFilePath(QString::fromUtf8(relativeToExecutable)));
}

QString bundledDemoRecording() { return bundledPath(M2DS_DEMO_RELATIVE_PATH); }
QString bundledDemoModel() { return bundledPath(M2DS_DEMO_MODEL_RELATIVE_PATH); }
QString presetsDirectory() { return bundledPath(M2DS_PRESETS_RELATIVE_PATH); }

/// --check-demo: once the demo recording and the demo model have both loaded (or failed), print one line for each
/// and leave the event loop with 0 if both loaded, else 1. Checks an installed package (packaging/check-packages.sh).
void quitWhenDemoOpened(m2ds::Session& session) {
    auto pending = std::make_shared<int>(2);
    auto failed = std::make_shared<bool>(false);
    auto settle = [pending, failed](const QString& line, bool loaded) {
        QTextStream(loaded ? stdout : stderr) << "m2ds-workbench: " << line << Qt::endl;
        *failed = *failed || !loaded;
        if (--*pending == 0) QCoreApplication::exit(*failed ? 1 : 0);
    };
    QObject::connect(&session, &m2ds::Session::recordingReady,
                     [settle](int) { settle(QStringLiteral("demo recording loaded: ") + bundledDemoRecording(), true); });
    QObject::connect(&session, &m2ds::Session::recordingFailed,
                     [settle](int, const QString& message) { settle(message, false); });
    QObject::connect(session.models(), &m2ds::ModelService::modelLoaded,
                     [settle](const m2ds::ModelSummary& model) { settle(QStringLiteral("demo model loaded: ") + model.path, true); });
    QObject::connect(session.models(), &m2ds::ModelService::modelFailed,
                     [settle](const QString& message) { settle(message, false); });
}

}  // namespace

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("m2ds"));
    QApplication::setApplicationName(QStringLiteral("M2D-S Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(M2DS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Desktop workbench for M2D-S (Masked Modeling Duo for Speech): look at recordings as the model sees them "
        "(masks, masked predictions, losses, layers), pretrain, export embeddings. Without files, the first start "
        "opens the bundled demo recording and demo model."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption checkDemo(QStringLiteral("check-demo"),
                                       QStringLiteral("Open the bundled demo recording and demo model, say whether both "
                                                      "loaded, and quit (exit status 0 when both did)."));
    parser.addOption(checkDemo);
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QStringLiteral("Recordings (wav, flac, ogg, opus, mp3, ...) and model checkpoints "
                                                "(.safetensors, .pth, .pt) to open."),
                                 QStringLiteral("[files...]"));
    parser.process(application);

    m2ds::Session session(presetsDirectory());
    m2ds::MainWindow window(session);
    QStringList files = parser.positionalArguments();
    QSettings settings;
    if (parser.isSet(checkDemo)) {
        files = QStringList{bundledDemoRecording(), bundledDemoModel()};
        quitWhenDemoOpened(session);
    } else {
        if (files.isEmpty() && !settings.value(QStringLiteral("demoShown")).toBool()) {
            for (const QString& demo : {bundledDemoRecording(), bundledDemoModel()})
                if (QFileInfo::exists(demo)) files << demo;
        }
        settings.setValue(QStringLiteral("demoShown"), true);
    }
    window.show();
    window.openFiles(files);
    return QApplication::exec();
}
