// HubertFolderCache with the tiny HuBERT folder (copied, so that its files can change): the same folder and device,
// however the path spells it, give the model built the first time; another folder replaces it, and a changed weights
// file is read anew.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <filesystem>

#include "TestData.h"
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
            for (const QString& name : QDir(tiny).entryList(QDir::Files)) QVERIFY(QFile::copy(tiny + "/" + name, copy + "/" + name));
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
        const std::filesystem::path weights = before.weightsPath;
        std::filesystem::last_write_time(weights, std::filesystem::last_write_time(weights) + std::chrono::seconds(5));
        const HubertFolder after = HubertFolderCache::open(folder("a").toStdString(), "cpu");
        QVERIFY(after.model != before.model);
        QCOMPARE(after.model->config().layers, before.model->config().layers);
        QCOMPARE(HubertFolderCache::open(folder("a").toStdString(), "cpu").model, after.model);
    }

private:
    QString folder(const QString& name) const { return dir_.filePath(name); }

    QTemporaryDir dir_;
};

QTEST_APPLESS_MAIN(TestHubertFolderCache)
#include "tst_HubertFolderCache.moc"
