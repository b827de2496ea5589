// The encoder choice of the Clusters dock and the export dialog: the loaded model when there is one, else a HuBERT /
// wav2vec 2.0 folder; what a layer number means follows the choice. A folder's config.json is read when it is named:
// the tiny base and large models give layers 0..2 (2 offered first, their last, as they have fewer than 9) and their
// geometry under the picker; a folder that is not a model (no config.json, not JSON, an unsupported
// feat_extract_norm, no weights, absent) is one line naming its file, and the choice is not ready until a model
// folder is named.
#include <QLabel>
#include <QRadioButton>
#include <QSignalSpy>
#include <QtTest>

#include "TestData.h"
#include "widgets/EncoderChoice.h"

using namespace m2ds;

namespace {
QString tinyModel(const QString& relative) { return test::sourcePath("tests/golden/hubert/tiny/" + relative); }
}  // namespace

class TestEncoderChoice : public QObject {
    Q_OBJECT
private slots:
    void withoutAModelOnlyAFolderCanBeChosen() {
        EncoderChoice choice;
        QVERIFY(choice.usesHubert());
        QVERIFY(!choice.isReady());  // no folder named yet
        QCOMPARE(choice.folderMessage(), QString());
        QCOMPARE(choice.highestLayer(-1), 0);
        QVERIFY(choice.layerMeaning().contains("hidden_states"));
        QSignalSpy changed(&choice, &EncoderChoice::changed);
        QSignalSpy source(&choice, &EncoderChoice::sourceChanged);
        choice.setHubertFolder(tinyModel("base"));
        QVERIFY(choice.isReady());
        QCOMPARE(choice.hubertFolder(), tinyModel("base"));
        QVERIFY(!changed.isEmpty());
        QVERIFY(!source.isEmpty());  // its layers are what a layer number means now
    }

    void aModelFolderBoundsTheLayers_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("geometry");
        QTest::newRow("hubert base") << "base" << "hubert: 2 layers, hidden 32, 4 heads, group norm, post-LN";
        QTest::newRow("wav2vec2 large") << "large" << "wav2vec2: 2 layers, hidden 32, 4 heads, layer norm, pre-LN";
    }
    void aModelFolderBoundsTheLayers() {
        QFETCH(QString, folder);
        QFETCH(QString, geometry);
        EncoderChoice choice;
        choice.setHubertFolder(tinyModel(folder));
        QVERIFY2(choice.isReady(), qPrintable(choice.folderMessage()));
        QCOMPARE(choice.highestLayer(12), 2);   // the folder's num_hidden_layers, whatever the loaded model has
        QCOMPARE(choice.suggestedLayer(12), 2);  // fewer than 9 layers: its last
        QCOMPARE(choice.folderMessage(), geometry);
        QVERIFY(choice.layerMeaning().contains("hidden_states 0..2"));
    }

    void aFolderThatIsNotAModelIsOneLineAndNotReady_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no config.json") << "bad" << "no config.json in this folder";
        QTest::newRow("not JSON") << "bad/not_json" << "is not a JSON object";
        QTest::newRow("unsupported feat_extract_norm") << "bad/unsupported_norm" << "unsupported feat_extract_norm \"batch\"";
        QTest::newRow("no weights") << "bad/no_weights" << "no model.safetensors, pytorch_model.bin or .pth";
        QTest::newRow("absent") << "bad/absent" << "no such file or folder";
    }
    void aFolderThatIsNotAModelIsOneLineAndNotReady() {
        QFETCH(QString, folder);
        QFETCH(QString, problem);
        EncoderChoice choice;
        choice.setLoadedModel("m2d_s_vit_base");
        choice.setHubertFolder(tinyModel(folder));
        QVERIFY(choice.usesHubert() && !choice.isReady());
        const QString message = choice.folderMessage();
        QVERIFY2(message.contains(problem) && message.contains(folder.section('/', -1)) && !message.contains('\n'), qPrintable(message));
        QCOMPARE(choice.highestLayer(12), 0);
        QVERIFY(!choice.layerMeaning().contains(".."));
        choice.setHubertFolder(tinyModel("base"));  // a model folder again
        QVERIFY(choice.isReady());
        QCOMPARE(choice.highestLayer(12), 2);
    }

    void aLoadedModelIsChosenUnlessAFolderIs() {
        EncoderChoice choice;
        QSignalSpy source(&choice, &EncoderChoice::sourceChanged);
        choice.setLoadedModel("m2d_s_vit_base");
        QVERIFY(!choice.usesHubert());
        QVERIFY(choice.isReady());
        QCOMPARE(choice.hubertFolder(), QString());
        QCOMPARE(choice.highestLayer(12), 12);
        QCOMPARE(choice.suggestedLayer(12), 6);
        QVERIFY(choice.layerMeaning().contains("patch embedding"));
        QCOMPARE(source.count(), 1);
        choice.setHubertFolder(tinyModel("large"));
        QVERIFY(choice.usesHubert());
        QCOMPARE(source.count(), 3);  // the folder was read, then chosen
        choice.setLoadedModel("another");  // a new model keeps the chosen folder
        QCOMPARE(choice.hubertFolder(), tinyModel("large"));
        choice.setHubertFolder({});
        QVERIFY(!choice.usesHubert());
        QVERIFY(choice.isReady());  // the loaded model, whatever the folder held
        choice.findChildren<QRadioButton*>().last()->click();  // the folder, none named
        QVERIFY(choice.usesHubert() && !choice.isReady());
    }
};

QTEST_MAIN(TestEncoderChoice)
#include "tst_EncoderChoice.moc"
