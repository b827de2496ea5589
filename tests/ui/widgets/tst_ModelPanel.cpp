// ModelPanel, offscreen: without a model it says how to load one and Fit readout is off; the Inspect settings report
// each change, but a loaded model's mask ratio is taken without asking for another inspection; a model clears the
// previous model's numbers and enables Fit readout; names are shown as text (escaped, breakable); the device choice,
// the readout request, inspection and reconstruction lines.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>
#include <cmath>
#include <limits>

#include "widgets/ModelPanel.h"

using namespace m2ds;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

/// Every label's text, joined.
QString allText(const ModelPanel& panel) {
    QStringList texts;
    for (const QLabel* label : panel.findChildren<QLabel*>()) texts << label->text();
    return texts.join('\n');
}

QPushButton* fitButton(const ModelPanel& panel) {
    for (QPushButton* button : panel.findChildren<QPushButton*>())
        if (button->text() == QLatin1String("Fit readout")) return button;
    return nullptr;
}

ModelSummary summary(const QString& name, double maskRatio) {
    ModelSummary s;
    s.path = "/models/" + name + ".safetensors";
    s.name = name;
    s.format = "safetensors";
    s.geometrySource = "header";
    s.description = "2 blocks";
    s.maskRatio = maskRatio;
    s.depth = 2;
    s.heads = 4;
    s.device = "cpu";
    return s;
}

}  // namespace

class TestModelPanel : public QObject {
    Q_OBJECT
private slots:
    void withoutAModelItSaysHowToLoadOne() {
        const ModelPanel panel;
        QVERIFY(allText(panel).contains("No model"));
        QVERIFY(!fitButton(panel)->isEnabled());
        QCOMPARE(panel.maskRatio(), 0.6);
        QCOMPARE(panel.seed(), 0u);
        QVERIFY(panel.overlaysEnabled());
    }

    void eachInspectSettingChangeIsReported() {
        ModelPanel panel;
        QSignalSpy changed(&panel, &ModelPanel::inspectSettingsChanged);
        panel.findChild<QSpinBox*>("maskSeed")->setValue(42);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.seed(), 42u);
        panel.findChild<QDoubleSpinBox*>("maskRatio")->setValue(0.75);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(panel.maskRatio(), 0.75);
        panel.findChild<QCheckBox*>()->setChecked(false);
        QCOMPARE(changed.count(), 3);
        QVERIFY(!panel.overlaysEnabled());
    }

    void theMaskRatioIsKeptInItsRange() {
        ModelPanel panel;
        auto* ratio = panel.findChild<QDoubleSpinBox*>("maskRatio");
        ratio->setValue(1.0);
        QCOMPARE(panel.maskRatio(), 0.95);
        ratio->setValue(0.0);
        QCOMPARE(panel.maskRatio(), 0.05);
    }

    void aLoadedModelsMaskRatioIsTakenWithoutAskingForAnInspection() {
        ModelPanel panel;
        QSignalSpy changed(&panel, &ModelPanel::inspectSettingsChanged);
        panel.showModel(summary("m2d_s_vit_tiny-80x64p80x2", 0.7));
        QCOMPARE(panel.maskRatio(), 0.7);
        QCOMPARE(changed.count(), 0);  // the page asks for the inspection of a new model itself
    }

    void aModelClearsThePreviousModelsNumbersAndEnablesTheReadout() {
        ModelPanel panel;
        panel.showModel(summary("first", 0.6));
        panel.showInspection(0.123456f, 3, 40);
        panel.showPatch("patch 7 of 32");
        panel.showReadoutStatus("Fitting the readout…");
        panel.showReconstruction(0.5f);
        QVERIFY(allText(panel).contains("M2D loss 0.1235"));
        QVERIFY(allText(panel).contains("patch 7 of 32"));
        QVERIFY(allText(panel).contains("Reconstruction error 0.500"));
        panel.showModel(summary("second", 0.6));
        const QString text = allText(panel);
        for (const char* gone : {"M2D loss", "patch 7", "Fitting", "Reconstruction error"}) QVERIFY2(!text.contains(gone), gone);
        QVERIFY(text.contains("second"));
        QVERIFY(fitButton(panel)->isEnabled());
    }

    void namesAreShownAsTextThatMayBreak() {
        ModelPanel panel;
        ModelSummary s = summary("a<b>_c", 0.6);
        s.deviceMessage = "CUDA asked, running on the CPU";
        panel.showModel(s);
        const QString text = allText(panel);
        QVERIFY2(text.contains("a&lt;b&gt;_&#8203;c"), qPrintable(text));  // escaped, a break allowed after '_'
        QVERIFY2(text.contains("<b>CUDA asked,&#8203; running on the CPU</b>"), qPrintable(text));
        panel.showModel(summary("plain", 0.6));
        QVERIFY(panel.findChild<QLabel*>("deviceNote")->text().isEmpty());  // the note goes with its model
    }

    void aFailedLoadIsShownAndTheLoadedModelsReadoutStays() {
        ModelPanel panel;
        panel.showModel(summary("loaded", 0.6));
        panel.showLoading("/models/other.pth");
        QVERIFY(allText(panel).contains("Loading other.pth"));
        panel.showError("/models/other.pth: not a checkpoint");
        QVERIFY(allText(panel).contains("Could not load the model"));
        QVERIFY(fitButton(panel)->isEnabled());  // the loaded model is still there
    }

    void theDeviceChoiceAndTheReadoutRequestAreReported() {
        ModelPanel panel;
        QSignalSpy device(&panel, &ModelPanel::deviceChosen), fit(&panel, &ModelPanel::fitReadoutRequested);
        panel.findChild<QComboBox*>("device")->setCurrentIndex(1);
        QCOMPARE(device.count(), 1);
        QCOMPARE(device.first().first().toString(), QString("cuda"));
        panel.showModel(summary("loaded", 0.6));
        fitButton(panel)->click();
        QCOMPARE(fit.count(), 1);
    }

    void inspectionAndReconstructionLines() {
        ModelPanel panel;
        panel.showInspection(kNaN, 2, 10);
        QVERIFY(allText(panel).contains("encoder-only weights"));
        panel.showReconstruction(0.25f);
        QVERIFY(allText(panel).contains("0.250"));
        panel.showReconstruction(kNaN);
        QVERIFY(!allText(panel).contains("Reconstruction error"));
        ReadoutSummary readout;
        readout.r2 = 0.8124;
        readout.heldOutRows = 120;
        readout.trainingRows = 480;
        readout.recordings = 2;
        readout.lambda = 0.01;
        panel.showReadout(readout);
        QVERIFY2(allText(panel).contains("Readout R² 0.812"), qPrintable(allText(panel)));
        QVERIFY(allText(panel).contains("120 held-out patches"));
    }
};

QTEST_MAIN(TestModelPanel)
#include "tst_ModelPanel.moc"
