// HubertFolderCache with the tiny HuBERT folder (copied, so that its files can change): the same folder and device,
// however the path spells it, give the model built the first time; another folder replaces it, a changed weights
// file is read anew, a file modified in the last 2 s is never kept.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <filesystem>

#include "TestData.h"
#include "common/Errors.h"
#include "features/HubertFolderCache.h"
#include "model/hubert/HubertModel.h"

using namespace m2ds;

class TestHubertFolderCache : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString tiny = test::sourcePath("tests/golden/hubert/tiny/base");
        for (const QString& copy : {folder("a"), folder("b")}) {
            QVERIFY(QDir().mkpath(copy));
            for (const QString& name : QDir(tiny).entryList(QDir::Files)) {
                QVERIFY(QFile::copy(tiny + "/" + name, copy + "/" + name));
                settle(copy + "/" + name, std::chrono::minutes(2));
            }
            settle(copy, std::chrono::minutes(2));  // files modified in the last 2 s are never kept
        }
    }

    void theSameFolderIsBuiltOnce() {
        const HubertFolder first = HubertFolderCache::open(folder("a").toStdString(), "cpu");
        QCOMPARE(HubertFolderCache::open(folder("a").toStdString(), "cpu").model, first.model);
        QCOMPARE(HubertFolderCache::open((folder("a") + "/./").toStdString(), "cpu").model, first.model);  // the same folder
        const HubertFolder other = HubertFolderCache::open(folder("b").toStdString(), "cpu");
        QVERIFY(other.model != first.model);
        QVERIFY(HubertFolderCache::open(folder("a").toStdString(), "cpu").model != first.model);  // one folder kept at a time
    }

    void aChangedFileIsReadAgain() {
        const HubertFolder before = HubertFolderCache::open(folder("a").toStdString(), "cpu");
        settle(QString::fromStdString(before.weightsPath), std::chrono::minutes(1));  // another version of the weights
        const HubertFolder after = HubertFolderCache::open(folder("a").toStdString(), "cpu");
        QVERIFY(after.model != before.model);
        QCOMPARE(after.model->config().layers, before.model->config().layers);
        QCOMPARE(HubertFolderCache::open(folder("a").toStdString(), "cpu").model, after.model);
        settle(QString::fromStdString(before.weightsPath), std::chrono::seconds(0));  // just written: not kept
        const HubertFolder fresh = HubertFolderCache::open(folder("a").toStdString(), "cpu");
        QVERIFY(fresh.model != after.model);
        QVERIFY(HubertFolderCache::open(folder("a").toStdString(), "cpu").model != fresh.model);
    }

    void aFolderThatIsNoModelIsTheError() {
        QVERIFY_THROWS_EXCEPTION(InputError, HubertFolderCache::open(dir_.filePath("absent").toStdString(), "cpu"));
    }

private:
    QString folder(const QString& name) const { return dir_.filePath(name); }
    /// Sets the modification time of `path` to `age` ago.
    static void settle(const QString& path, std::chrono::seconds age) {
        std::filesystem::last_write_time(path.toStdString(), std::filesystem::file_time_type::clock::now() - age);
    }

    QTemporaryDir dir_;
};

QTEST_APPLESS_MAIN(TestHubertFolderCache)
#include "tst_HubertFolderCache.moc"
