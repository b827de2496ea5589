// Opening and closing 200 recordings in the workbench window, more than half of them bad (truncated, not audio,
// empty), leaves memory flat: the live heap and the resident set after 200 are within a few MB of those after 20.
// Built only in the sanitizer build (M2DS_SANITIZER_TESTS): the live heap is AddressSanitizer's count of allocated
// bytes, and LeakSanitizer checks at exit that nothing became unreachable.
#include <QFile>
#include <QListView>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <sndfile.h>
#include <cstddef>
#include <unistd.h>

#include "AudioFixtures.h"
#include "TestData.h"
#include "mainwindow/MainWindow.h"
#include "pages/InspectPage.h"
#include "session/Session.h"

// From <sanitizer/allocator_interface.h>, which GCC 12 does not install (libasan exports the function).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();

using namespace m2ds;

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

/// The process's resident set, in MiB (/proc/self/statm).
double residentMiB() {
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly)) return -1.0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toDouble() * double(sysconf(_SC_PAGESIZE)) / kMiB : -1.0;
}

/// Bytes the sanitizer's allocator holds for live allocations, in MiB (freed blocks in its quarantine not counted).
double liveHeapMiB() { return double(__sanitizer_get_current_allocated_bytes()) / kMiB; }

/// Keeps the first `fraction` of a file's bytes.
bool truncateFile(const QString& path, double fraction) {
    QFile file(path);
    return file.open(QIODevice::ReadWrite) && file.resize(qint64(double(file.size()) * fraction));
}

}  // namespace

class TestOpenCloseMemory : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(dir_.isValid());
        const auto write = [this](const QString& name, int format, int rate, int channels, double seconds) {
            files_ << dir_.filePath(name);
            return test::writeAudio(files_.last(), format, rate, channels, test::sine(440, seconds, rate, channels));
        };
        QVERIFY(write("tone.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 22050, 2, 3.0));
        QVERIFY(write("tone.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, 2.0));
        QVERIFY(write("tone.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 1, 2.0));
        QVERIFY(write("truncated.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 16000, 1, 3.0));
        QVERIFY(truncateFile(files_.last(), 0.4));
        QVERIFY(write("truncated.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, 2.0));
        QVERIFY(truncateFile(files_.last(), 0.002));  // within the header
        files_ << writeBytes("notes.wav", "not audio") << writeBytes("empty.flac", {});
    }

    void openingAndClosingLeavesMemoryFlat() {
        Session session(test::sourcePath("models/presets"));
        MainWindow window(session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        double heapAt20 = 0.0, residentAt20 = 0.0;
        QSignalSpy loaded(&session, &Session::recordingReady);
        for (int cycle = 1; cycle <= 200; ++cycle) {
            openAndClose(window, session, files_[cycle % files_.size()]);
            if (QTest::currentTestFailed()) return;
            if (cycle == 20) {
                heapAt20 = liveHeapMiB();
                residentAt20 = residentMiB();
            }
        }
        const double heapGrowth = liveHeapMiB() - heapAt20, residentGrowth = residentMiB() - residentAt20;
        qInfo("%d of 200 recordings loaded, the others refused; live heap %.2f MiB after 20, %.2f after 200; "
              "resident set %.1f MiB after 20, %.1f after 200",
              int(loaded.count()), heapAt20, heapAt20 + heapGrowth, residentAt20, residentAt20 + residentGrowth);
        QVERIFY(loaded.count() > 0 && loaded.count() < 200);
        QVERIFY2(heapGrowth < 2.0, qPrintable(QString("the live heap grew by %1 MiB").arg(heapGrowth)));
        QVERIFY2(residentGrowth < 8.0, qPrintable(QString("the resident set grew by %1 MiB").arg(residentGrowth)));
    }

private:
    QString writeBytes(const QString& name, const QByteArray& bytes) {
        QFile file(dir_.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) return {};
        return file.fileName();
    }

    /// Opens `path` as a user would, waits until it is loaded or refused, dismisses the error dialog, and closes the
    /// recording through the Inspect page's Close Recording action.
    static void openAndClose(MainWindow& window, Session& session, const QString& path) {
        QSignalSpy ready(&session, &Session::recordingReady);
        QSignalSpy failed(&session, &Session::recordingFailed);
        window.openFiles({path});
        QTRY_COMPARE_WITH_TIMEOUT(ready.count() + failed.count(), 1, 60000);
        if (QMessageBox* dialog = window.loadErrorDialog()) dialog->close();
        window.recordingList()->setCurrentIndex(session.recordings()->index(0, 0));
        window.inspectPage()->actions().closeRecording->trigger();
        QCOMPARE(session.recordings()->rowCount(), 0);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    QTemporaryDir dir_;
    QStringList files_;
};

QTEST_MAIN(TestOpenCloseMemory)
#include "tst_OpenCloseMemory.moc"
