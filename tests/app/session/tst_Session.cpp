// The session loads recordings on its worker thread and reports each one ready or failed, by row.
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <sndfile.h>

#include "AudioFixtures.h"
#include "TestData.h"
#include "session/Session.h"

using namespace m2ds;

class TestSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(dir_.isValid());
        good_ = dir_.filePath("tone.flac");
        QVERIFY(test::writeAudio(good_, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 22050, 2, test::sine(500, 2.0, 22050, 2)));
    }

    void loadsGoodAndReportsBadFiles() {
        Session session;
        session.recentFiles().clear();
        QSignalSpy ready(&session, &Session::recordingReady);
        QSignalSpy failed(&session, &Session::recordingFailed);
        session.open({good_, dir_.filePath("missing.wav")});
        QCOMPARE(session.recordings()->rowCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count() + failed.count(), 2, 20000);
        QCOMPARE(ready.count(), 1);
        const RecordingDataPtr data = session.recordings()->recording(ready.first().first().toInt());
        QCOMPARE(data->sampleRate, 16000);
        QCOMPARE(data->melCount, 80);
        QCOMPARE(data->frameCount, std::size_t(201));
        QCOMPARE(data->logMel.size(), std::size_t(80 * 201));
        QVERIFY(data->sourceDescription.contains("down-mixed to mono, resampled to 16000 Hz"));
        QCOMPARE(failed.first().at(1).toString(), dir_.filePath("missing.wav") + ": no such file");
        QCOMPARE(session.recordings()->state(1), RecordingListModel::State::Failed);
        QCOMPARE(session.recentFiles().paths(), QStringList{good_});
    }

    void openingTwiceSelectsTheOpenRow() {
        Session session;
        QSignalSpy ready(&session, &Session::recordingReady);
        QSignalSpy already(&session, &Session::recordingAlreadyOpen);
        session.open({good_});
        session.open({good_});
        QCOMPARE(already.count(), 1);
        QCOMPARE(session.recordings()->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
    }

    void closingWhileLoadingDropsTheResult() {
        Session session;
        QSignalSpy ready(&session, &Session::recordingReady);
        session.open({good_});
        session.close(0);
        QCOMPARE(session.recordings()->rowCount(), 0);
        QCOMPARE(session.loadingCount(), 0);
        session.open({good_});  // the worker is still free to take new work
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        QCOMPARE(ready.first().first().toInt(), 0);
    }

private:
    QTemporaryDir dir_;
    QString good_;
};

QTEST_MAIN(TestSession)
#include "tst_Session.moc"
