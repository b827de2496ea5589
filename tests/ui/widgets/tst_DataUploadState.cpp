// DataUploadState on a target nobody listens on (no sshd needed): the line says the destination is being checked,
// then why the upload failed, in red; the field is "uploading" in between and no upload is reported. A local folder
// that is not there fails at once. Uploads that arrive run through a real sshd in tst_TrainPageRemote.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "TestData.h"
#include "UnreachableTarget.h"
#include "widgets/DataUploadState.h"

using namespace m2ds;

class TestDataUploadState : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(local_.isValid());
        nobody_ = test::unreachableTarget();
    }

    void anUnreachableHostIsTheLine() {
        DataUploadState state;
        QSignalSpy uploading(&state, &DataUploadState::uploadingChanged);
        QSignalSpy uploaded(&state, &DataUploadState::uploaded);
        QVERIFY(state.start(nobody_, QStringLiteral("speech"), local_.path()));
        QCOMPARE(state.text(), QString("Checking the destination on nobody…"));
        QCOMPARE(uploading.size(), 1);
        QCOMPARE(uploading[0][0].toString(), QString("speech"));
        QVERIFY(!state.start(nobody_, QStringLiteral("noise"), local_.path()));  // one at a time
        QTRY_VERIFY_WITH_TIMEOUT(!state.isUploading(), 30000);
        QCOMPARE(uploading.size(), 2);
        QVERIFY(uploading[1][0].toString().isEmpty());
        QVERIFY2(state.text().contains("is not reachable") && state.text().contains("Connection refused"), qPrintable(state.text()));
        QVERIFY(state.styleSheet().contains("#c62828"));
        QCOMPARE(uploaded.size(), 0);
    }

    void aMissingLocalFolderFailsAtOnce() {
        DataUploadState state;
        QSignalSpy uploading(&state, &DataUploadState::uploadingChanged);
        QVERIFY(!state.start(nobody_, QStringLiteral("speech"), local_.filePath("gone")));
        QVERIFY2(state.text().contains(local_.filePath("gone")), qPrintable(state.text()));
        QVERIFY(!state.isUploading());
        QCOMPARE(uploading.size(), 1);  // only the end: it never began
        QVERIFY(uploading[0][0].toString().isEmpty());
    }

private:
    QTemporaryDir local_;
    LaunchTarget nobody_;
};

QTEST_MAIN(TestDataUploadState)
#include "tst_DataUploadState.moc"
