// What the workbench reads of a HuBERT / wav2vec 2.0 folder when it is chosen: the tiny base and large models' layer
// counts and one-line summaries; a folder that is not a model (no config.json, not JSON, an unsupported
// feat_extract_norm, no weights file, absent) is one line naming the file. Weights are never read, so folders whose
// weights are wrong pass here (their job names the problem).
#include <QtTest>

#include "TestData.h"
#include "session/HubertFolderInfo.h"

using namespace m2ds;

namespace {
QString tinyModel(const QString& relative) { return test::sourcePath("tests/golden/hubert/tiny/" + relative); }
}  // namespace

class TestHubertFolderInfo : public QObject {
    Q_OBJECT
private slots:
    void readsTheGeometryOfAModelFolder() {
        const HubertFolderInfo base = HubertFolderInfo::read(tinyModel("base"));
        QVERIFY2(base.isUsable(), qPrintable(base.problem));
        QCOMPARE(base.layers, 2);
        QCOMPARE(base.summary, QString("hubert: 2 layers, hidden 32, 4 heads, group norm, post-LN"));
        const HubertFolderInfo large = HubertFolderInfo::read(tinyModel("large"));
        QVERIFY2(large.isUsable(), qPrintable(large.problem));
        QCOMPARE(large.layers, 2);
        QVERIFY(large.summary.startsWith("wav2vec2: ") && large.summary.contains("pre-LN"));
        QVERIFY(HubertFolderInfo::read(tinyModel("base/model.safetensors")).isUsable());  // a weights file, config.json beside it
        QVERIFY(HubertFolderInfo::read(tinyModel("bad/wrong_shape")).isUsable());         // its weights are not read
    }

    void aFolderThatIsNotAModelIsOneLine_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("no config.json") << "bad" << QStringList{"bad: no config.json in this folder"};
        QTest::newRow("not JSON") << "bad/not_json" << QStringList{"not_json/config.json", "is not a JSON object"};
        QTest::newRow("unsupported feat_extract_norm") << "bad/unsupported_norm" << QStringList{"config.json", "unsupported feat_extract_norm \"batch\""};
        QTest::newRow("no weights") << "bad/no_weights" << QStringList{"no_weights", "no model.safetensors, pytorch_model.bin or .pth"};
        QTest::newRow("absent") << "bad/absent" << QStringList{"absent", "no such file or folder"};
    }
    void aFolderThatIsNotAModelIsOneLine() {
        QFETCH(QString, folder);
        QFETCH(QStringList, mentions);
        const HubertFolderInfo info = HubertFolderInfo::read(tinyModel(folder));
        QVERIFY(!info.isUsable());
        QCOMPARE(info.layers, -1);
        QVERIFY(info.summary.isEmpty());
        QVERIFY2(!info.problem.contains('\n'), qPrintable(info.problem));
        for (const QString& mention : mentions) QVERIFY2(info.problem.contains(mention), qPrintable(info.problem));
    }
};

QTEST_APPLESS_MAIN(TestHubertFolderInfo)
#include "tst_HubertFolderInfo.moc"
