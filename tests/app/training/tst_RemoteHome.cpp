// The rule for `~` in paths on a target's host: made absolute with a known home, and as a remote shell word read by
// a real POSIX shell (/bin/sh with HOME set) as the home, spaces and quotes in the rest kept literal.
#include <QProcess>
#include <QtTest>

#include "training/RemoteHome.h"

using namespace m2ds;

namespace {

/// What /bin/sh makes of `word` with HOME=`home`: the single argument it prints, or "<n words>".
QString readByShell(const QString& word, const QString& home) {
    QProcess shell;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("HOME", home);
    shell.setProcessEnvironment(environment);
    shell.start("/bin/sh", {"-c", "set -- " + word + "; [ $# -eq 1 ] && printf %s \"$1\" || printf '<%s words>' $#"});
    shell.waitForFinished(10000);
    return QString::fromUtf8(shell.readAllStandardOutput());
}

}  // namespace

class TestRemoteHome : public QObject {
    Q_OBJECT
private slots:
    void onlyTildeAndTildeSlashReferToTheHome() {
        QVERIFY(RemoteHome::refersToHome("~"));
        QVERIFY(RemoteHome::refersToHome("~/runs"));
        QVERIFY(!RemoteHome::refersToHome("~alice/runs"));
        QVERIFY(!RemoteHome::refersToHome("/data/~/x"));
        QVERIFY(!RemoteHome::refersToHome("runs/~"));
        QVERIFY(RemoteHome::anyRefersToHome({"train", "--speech", "~/speech"}));
        QVERIFY(!RemoteHome::anyRefersToHome({"train", "--speech", "/speech"}));
    }

    void expandedWithAKnownHome() {
        QCOMPARE(RemoteHome::expand("~/runs/a", "/home/ada"), QString("/home/ada/runs/a"));
        QCOMPARE(RemoteHome::expand("~/runs/a", "/home/ada/"), QString("/home/ada/runs/a"));
        QCOMPARE(RemoteHome::expand("~", "/home/ada"), QString("/home/ada"));
        QCOMPARE(RemoteHome::expand("~/", "/"), QString("/"));
        QCOMPARE(RemoteHome::expand("/abs/~/x", "/home/ada"), QString("/abs/~/x"));
        QCOMPARE(RemoteHome::expand("~/runs", QString()), QString("~/runs"));  // not known yet
        QCOMPARE(RemoteHome::expandAll({"train", "--output_dir", "~/r", "--speech", "s"}, "/h"), (QStringList{"train", "--output_dir", "/h/r", "--speech", "s"}));
    }

    void aShellReadsTheWordAsThePathInTheHome() {
        const QString home = "/home/a b";  // a home with a space: "$HOME" stays one word
        QCOMPARE(RemoteHome::shellWord("~/runs/it's here"), QString("\"$HOME\"/'runs/it'\\''s here'"));
        QCOMPARE(readByShell(RemoteHome::shellWord("~/runs/it's here"), home), QString("/home/a b/runs/it's here"));
        QCOMPARE(readByShell(RemoteHome::shellWord("~"), home), home);
        QCOMPARE(readByShell(RemoteHome::shellWord("~/"), home), home + "/");
        QCOMPARE(readByShell(RemoteHome::shellWord("~/$(id) *"), home), QString("/home/a b/$(id) *"));
        QCOMPARE(readByShell(RemoteHome::shellWord("/abs/~/x y"), home), QString("/abs/~/x y"));
        QCOMPARE(RemoteHome::shellWord("/plain"), QString("/plain"));
    }

    void theHomeTheHostPrinted() {
        QCOMPARE(RemoteHome::parse("Welcome!\nM2DS-HOME /home/ada\n"), QString("/home/ada"));
        QCOMPARE(RemoteHome::parse("M2DS-HOME \n"), QString());      // $HOME empty
        QCOMPARE(RemoteHome::parse("M2DS-HOME relative\n"), QString());
        QCOMPARE(RemoteHome::parse(""), QString());
        QCOMPARE(readByShell("\"$(" + RemoteHome::query().trimmed() + ")\"", "/home/ada"), QString("M2DS-HOME /home/ada"));
    }
};

QTEST_GUILESS_MAIN(TestRemoteHome)
#include "tst_RemoteHome.moc"
