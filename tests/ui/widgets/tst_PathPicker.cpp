// PathPicker, offscreen: its buttons follow the choices, typing reports each change and a finished edit (trimmed),
// setPath reports a change but no choice, the Folder… and File… dialogs open at the current path with the filter, a
// path picked in them is set and chosen once, a cancelled dialog changes nothing, and browsing can be switched off.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>
#include <functional>

#include "widgets/PathPicker.h"

using namespace m2ds;

namespace {

QStringList buttonTexts(const PathPicker& picker) {
    QStringList texts;
    for (const QToolButton* button : picker.findChildren<QToolButton*>()) texts << button->text();
    return texts;
}

QToolButton* button(const PathPicker& picker, const QString& text) {
    for (QToolButton* candidate : picker.findChildren<QToolButton*>())
        if (candidate->text() == text) return candidate;
    return nullptr;
}

/// Clicks `text` on `picker` and hands the file dialog it opens to `handle`, which must close it (so it only records
/// what it sees; the test compares after the dialog is closed). Anything else that opens meanwhile is closed and fails.
void clickAndAnswer(const PathPicker& picker, const QString& text, const std::function<void(QFileDialog&)>& handle) {
    bool answered = false, unexpected = false;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        QWidget* modal = QApplication::activeModalWidget();
        auto* dialog = qobject_cast<QFileDialog*>(modal);
        if (dialog && !answered) {
            answered = true;
            handle(*dialog);
        } else if (modal && answered) {
            unexpected = true;
            modal->close();
        }
    });
    poll.start(10);
    button(picker, text)->click();  // returns once the dialog is closed
    QVERIFY2(answered, "no file dialog opened");
    QVERIFY2(!unexpected, "another window opened after the file dialog was answered");
}

/// What a user does who types `path` into the dialog's name field and confirms it (QFileDialog::accept() would
/// also look it up on the disk, through a file model that fills in the background).
void choose(QFileDialog& dialog, const QString& path) {
    if (auto* name = dialog.findChild<QLineEdit*>("fileNameEdit")) name->setText(path);
    static_cast<QDialog&>(dialog).done(QDialog::Accepted);
}

}  // namespace

class TestPathPicker : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(QDir(dir_.path()).mkpath("start"));
        QVERIFY(QDir(dir_.path()).mkpath("picked"));
        QFile file(dir_.filePath("start/list.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    void itsButtonsFollowTheChoices() {
        QCOMPARE(buttonTexts(PathPicker(PathPicker::Folder, {})), QStringList{"Folder…"});
        QCOMPARE(buttonTexts(PathPicker(PathPicker::File, {})), QStringList{"File…"});
        QCOMPARE(buttonTexts(PathPicker(PathPicker::SaveFile, {})), QStringList{"File…"});
        QCOMPARE(buttonTexts(PathPicker(PathPicker::Folder | PathPicker::File, {})), (QStringList{"Folder…", "File…"}));
    }

    void typingReportsEachChangeAndAFinishedEditTrimmed() {
        PathPicker picker(PathPicker::Folder, {});
        QSignalSpy changed(&picker, &PathPicker::pathChanged), chosen(&picker, &PathPicker::pathChosen);
        QTest::keyClicks(picker.lineEdit(), " /data ");
        QCOMPARE(changed.count(), 7);
        QCOMPARE(chosen.count(), 0);
        QCOMPARE(picker.path(), QString("/data"));
        QTest::keyClick(picker.lineEdit(), Qt::Key_Return);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().first().toString(), QString("/data"));
    }

    void setPathReportsAChangeButNoChoice() {
        PathPicker picker(PathPicker::Folder, {});
        QSignalSpy changed(&picker, &PathPicker::pathChanged), chosen(&picker, &PathPicker::pathChosen);
        picker.setPath("/runs/a");
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toString(), QString("/runs/a"));
        QCOMPARE(chosen.count(), 0);
    }

    void aFolderPickedInTheDialogIsSetAndChosenOnce() {
        PathPicker picker(PathPicker::Folder | PathPicker::File, {});
        picker.setPath(dir_.filePath("start"));
        QSignalSpy chosen(&picker, &PathPicker::pathChosen);
        QFileDialog::FileMode mode = QFileDialog::AnyFile;
        QString openedAt;
        clickAndAnswer(picker, "Folder…", [&](QFileDialog& dialog) {
            mode = dialog.fileMode();
            openedAt = dialog.directory().canonicalPath();
            choose(dialog, dir_.filePath("picked"));
        });
        QCOMPARE(mode, QFileDialog::Directory);
        QCOMPARE(openedAt, QDir(dir_.filePath("start")).canonicalPath());
        QCOMPARE(QDir(picker.path()).canonicalPath(), QDir(dir_.filePath("picked")).canonicalPath());
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().first().toString(), picker.path());
    }

    void aFileDialogOffersTheFilterAndOpensAnExistingFile() {
        PathPicker picker(PathPicker::Folder | PathPicker::File, "Data lists (*.csv *.tsv)");
        picker.setPath(dir_.filePath("start"));
        QSignalSpy chosen(&picker, &PathPicker::pathChosen);
        QFileDialog::FileMode mode = QFileDialog::AnyFile;
        QFileDialog::AcceptMode accept = QFileDialog::AcceptSave;
        QStringList filters;
        clickAndAnswer(picker, "File…", [&](QFileDialog& dialog) {
            mode = dialog.fileMode();
            accept = dialog.acceptMode();
            filters = dialog.nameFilters();
            choose(dialog, dir_.filePath("start/list.csv"));
        });
        QCOMPARE(mode, QFileDialog::ExistingFile);
        QCOMPARE(accept, QFileDialog::AcceptOpen);
        QCOMPARE(filters, QStringList{"Data lists (*.csv *.tsv)"});
        QCOMPARE(picker.path(), dir_.filePath("start/list.csv"));
        QCOMPARE(chosen.count(), 1);
    }

    void aSaveFileDialogAsksForAFileToWrite() {
        PathPicker picker(PathPicker::SaveFile, "CSV (*.csv)");
        picker.setPath(dir_.filePath("start"));
        QFileDialog::AcceptMode accept = QFileDialog::AcceptOpen;
        clickAndAnswer(picker, "File…", [&](QFileDialog& dialog) {
            accept = dialog.acceptMode();
            choose(dialog, dir_.filePath("start/new.csv"));
        });
        QCOMPARE(accept, QFileDialog::AcceptSave);
        QCOMPARE(picker.path(), dir_.filePath("start/new.csv"));
    }

    void aCancelledDialogChangesNothing() {
        PathPicker picker(PathPicker::Folder | PathPicker::File, {});
        picker.setPath(dir_.filePath("start"));
        QSignalSpy changed(&picker, &PathPicker::pathChanged), chosen(&picker, &PathPicker::pathChosen);
        clickAndAnswer(picker, "Folder…", [](QFileDialog& dialog) { dialog.reject(); });
        clickAndAnswer(picker, "File…", [](QFileDialog& dialog) { dialog.reject(); });
        QCOMPARE(picker.path(), dir_.filePath("start"));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(chosen.count(), 0);
    }

    void browsingCanBeSwitchedOffWhileTypingStays() {
        PathPicker picker(PathPicker::Folder | PathPicker::File, {});
        picker.setBrowsingEnabled(false);
        for (const QToolButton* each : picker.findChildren<QToolButton*>()) QVERIFY(!each->isEnabled());
        QVERIFY(picker.lineEdit()->isEnabled());
        picker.setBrowsingEnabled(true);
        for (const QToolButton* each : picker.findChildren<QToolButton*>()) QVERIFY(each->isEnabled());
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(TestPathPicker)
#include "tst_PathPicker.moc"
