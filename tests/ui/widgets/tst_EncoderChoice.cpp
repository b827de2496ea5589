// The encoder choice of the Clusters dock and the export dialog: the loaded model when there is one, else a HuBERT /
// wav2vec 2.0 folder; ready only with a model or a named folder; what a layer number means follows the choice.
#include <QRadioButton>
#include <QSignalSpy>
#include <QtTest>

#include "widgets/EncoderChoice.h"

using namespace m2ds;

class TestEncoderChoice : public QObject {
    Q_OBJECT
private slots:
    void withoutAModelOnlyAFolderCanBeChosen() {
        EncoderChoice choice;
        QVERIFY(choice.usesHubert());
        QVERIFY(!choice.isReady());  // no folder named yet
        QCOMPARE(choice.suggestedLayer(-1), 9);
        QVERIFY(choice.layerMeaning().contains("hidden_states"));
        QSignalSpy changed(&choice, &EncoderChoice::changed);
        choice.setHubertFolder("/models/hubert-base-ls960");
        QVERIFY(choice.isReady());
        QCOMPARE(choice.hubertFolder(), QString("/models/hubert-base-ls960"));
        QVERIFY(!changed.isEmpty());
    }

    void aLoadedModelIsChosenUnlessAFolderIs() {
        EncoderChoice choice;
        QSignalSpy source(&choice, &EncoderChoice::sourceChanged);
        choice.setLoadedModel("m2d_s_vit_base");
        QVERIFY(!choice.usesHubert());
        QVERIFY(choice.isReady());
        QCOMPARE(choice.hubertFolder(), QString());
        QCOMPARE(choice.suggestedLayer(12), 6);
        QVERIFY(choice.layerMeaning().contains("patch embedding"));
        QCOMPARE(source.count(), 1);
        choice.setHubertFolder("/models/wav2vec2");
        QVERIFY(choice.usesHubert());
        QCOMPARE(source.count(), 2);
        choice.setLoadedModel("another");  // a new model keeps the chosen folder
        QCOMPARE(choice.hubertFolder(), QString("/models/wav2vec2"));
        choice.setHubertFolder({});
        QVERIFY(!choice.usesHubert());
        choice.findChildren<QRadioButton*>().last()->click();  // the folder, none named
        QVERIFY(choice.usesHubert() && !choice.isReady());
    }
};

QTEST_MAIN(TestEncoderChoice)
#include "tst_EncoderChoice.moc"
