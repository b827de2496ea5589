// LayerPanel, offscreen: without a model its controls are off and no view is wanted; a model sets the ranges (layer
// 0 … depth starting half-way, attention block 1 … depth starting at the last, the mean of the heads first) without
// signalling (the page asks for the views itself); a shallower model clamps the choices and drops heads it lacks; a
// reload keeps a choice still in range; each user change is reported once.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include "widgets/LayerPanel.h"

using namespace m2ds;

class TestLayerPanel : public QObject {
    Q_OBJECT
private slots:
    void withoutAModelNothingIsWanted() {
        const LayerPanel panel;
        QVERIFY(!panel.layerViewEnabled());
        QVERIFY(!panel.attentionEnabled());
        QVERIFY(!panel.findChild<QSpinBox*>("pcaLayer")->isEnabled());
        QVERIFY(!panel.findChild<QSpinBox*>("attentionLayer")->isEnabled());
        QVERIFY(!panel.findChild<QComboBox*>("attentionHead")->isEnabled());
        QVERIFY(panel.findChild<QLabel*>()->text().contains("Load a model first"));
    }

    void aModelSetsTheRangesWithoutSignalling() {
        LayerPanel panel;
        QSignalSpy layerView(&panel, &LayerPanel::layerViewChanged), attention(&panel, &LayerPanel::attentionChanged);
        panel.setModel(12, 4);
        QCOMPARE(layerView.count(), 0);
        QCOMPARE(attention.count(), 0);
        QCOMPARE(panel.layer(), 6);
        QCOMPARE(panel.findChild<QSpinBox*>("pcaLayer")->maximum(), 12);
        QCOMPARE(panel.findChild<QSpinBox*>("pcaLayer")->minimum(), 0);
        QCOMPARE(panel.attentionLayer(), 12);
        QCOMPARE(panel.findChild<QSpinBox*>("attentionLayer")->minimum(), 1);
        QCOMPARE(panel.attentionHead(), -1);  // the mean over the heads
        QCOMPARE(panel.findChild<QComboBox*>("attentionHead")->count(), 5);
        QVERIFY(panel.layerViewEnabled());
        QVERIFY(panel.attentionEnabled());
    }

    void eachUserChangeIsReportedOnce() {
        LayerPanel panel;
        panel.setModel(12, 4);
        QSignalSpy layerView(&panel, &LayerPanel::layerViewChanged), attention(&panel, &LayerPanel::attentionChanged);
        panel.findChild<QSpinBox*>("pcaLayer")->setValue(0);  // the patch embedding
        QCOMPARE(layerView.count(), 1);
        QCOMPARE(panel.layer(), 0);
        panel.findChild<QComboBox*>("attentionHead")->setCurrentIndex(3);
        QCOMPARE(attention.count(), 1);
        QCOMPARE(panel.attentionHead(), 2);
        panel.findChild<QSpinBox*>("attentionLayer")->setValue(1);
        QCOMPARE(attention.count(), 2);
        QCOMPARE(panel.attentionLayer(), 1);
        for (QCheckBox* box : panel.findChildren<QCheckBox*>()) box->setChecked(false);
        QCOMPARE(layerView.count(), 2);
        QCOMPARE(attention.count(), 3);
        QVERIFY(!panel.layerViewEnabled());
        QVERIFY(!panel.attentionEnabled());
    }

    void aShallowerModelClampsTheChoicesAndDropsHeadsItLacks() {
        LayerPanel panel;
        panel.setModel(12, 12);
        panel.findChild<QSpinBox*>("pcaLayer")->setValue(10);
        panel.findChild<QComboBox*>("attentionHead")->setCurrentIndex(12);  // head 11
        panel.setModel(2, 4);
        QCOMPARE(panel.layer(), 2);
        QCOMPARE(panel.attentionLayer(), 2);
        QCOMPARE(panel.attentionHead(), -1);
        QCOMPARE(panel.findChild<QComboBox*>("attentionHead")->count(), 5);
    }

    void aReloadKeepsALayerStillInRange() {
        LayerPanel panel;
        panel.setModel(12, 4);
        panel.findChild<QSpinBox*>("pcaLayer")->setValue(3);
        panel.setModel(12, 4);
        QCOMPARE(panel.layer(), 3);
    }

    void unloadingDisablesTheViews() {
        LayerPanel panel;
        panel.setModel(4, 2);
        panel.setModel(0, 0);
        QVERIFY(!panel.layerViewEnabled());
        QVERIFY(!panel.attentionEnabled());
        panel.showStatus("no recording");
        QCOMPARE(panel.findChild<QLabel*>()->text(), QString("no recording"));
    }
};

QTEST_MAIN(TestLayerPanel)
#include "tst_LayerPanel.moc"
