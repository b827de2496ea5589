// TrainForm, offscreen: it opens with the official defaults; every field round-trips through setSettings/settings;
// relative paths come back absolute and remote ones as typed (with browsing off); the teacher decides which teacher
// fields are editable; a preset fills the geometry; a preset that is not installed is offered once however often it is
// set; problems are listed under the form and outline exactly their fields until cleared.
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolButton>
#include <QtTest>

#include "TestData.h"
#include "training/TrainParameter.h"
#include "widgets/PathPicker.h"
#include "widgets/TrainForm.h"

using namespace m2ds;

namespace {

/// Settings with every field off its default.
TrainSettings unusualSettings() {
    TrainSettings s;
    s.speech = "/data/speech";
    s.noise = "/data/noise.tsv";
    s.teacher = "model";
    s.teacherPath = "/models/teacher.pth";
    s.teacherLayer = 7;
    s.model = "m2d_s_vit_tiny";
    s.inputSize = "80x64";
    s.patchSize = "80x2";
    s.device = "cuda:1";
    s.amp = "bf16";
    s.outputDirectory = "/runs/a";
    for (const TrainParameter& parameter : TrainParameter::all()) s.numbers.insert(parameter.flag, parameter.kind == TrainParameter::Kind::Integer ? "3" : "0.25");
    return s;
}

QLineEdit* edit(const TrainForm& form, const QString& flag) {
    QWidget* widget = form.field(flag);
    if (auto* line = qobject_cast<QLineEdit*>(widget)) return line;
    if (auto* picker = qobject_cast<PathPicker*>(widget)) return picker->lineEdit();
    return nullptr;
}

}  // namespace

class TestTrainForm : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        presets_ = TrainPresets::load(test::sourcePath("models/presets"));
        QVERIFY(presets_.size() >= 2);
    }

    void itOpensWithTheOfficialDefaults() {
        const TrainForm form(presets_);
        QCOMPARE(form.settings().arguments(), TrainSettings().arguments());
    }

    void everyFieldRoundTrips() {
        TrainForm form(presets_);
        const TrainSettings settings = unusualSettings();
        form.setSettings(settings);
        QCOMPARE(form.settings().arguments(), settings.arguments());
        QCOMPARE(form.settings().teacherLayer, 7);
    }

    void relativePathsComeBackAbsoluteAndRemoteOnesAsTyped() {
        TrainForm form(presets_);
        edit(form, "speech")->setText("speech ");
        edit(form, "output_dir")->setText("runs/a");
        QCOMPARE(form.settings().speech, QDir::current().absoluteFilePath("speech"));
        QCOMPARE(form.settings().outputDirectory, QDir::current().absoluteFilePath("runs/a"));
        QCOMPARE(form.settings().noise, QString());  // empty stays empty
        form.setRemotePaths(true);
        QCOMPARE(form.settings().speech, QString("speech"));
        QCOMPARE(form.settings().outputDirectory, QString("runs/a"));
        for (const QToolButton* browse : form.field("speech")->findChildren<QToolButton*>()) QVERIFY(!browse->isEnabled());
        form.setRemotePaths(false);
        for (const QToolButton* browse : form.field("speech")->findChildren<QToolButton*>()) QVERIFY(browse->isEnabled());
    }

    void theTeacherDecidesWhichTeacherFieldsAreEditable() {
        TrainForm form(presets_);
        auto* teacher = qobject_cast<QComboBox*>(form.field("teacher"));
        auto* path = form.findChild<PathPicker*>("teacherPath");
        auto* layer = form.findChild<QSpinBox*>("teacherLayer");
        const auto choose = [teacher](const char* kind) { teacher->setCurrentIndex(teacher->findData(QString(kind))); };
        choose("mfcc");
        QVERIFY(!path->isEnabled() && !layer->isEnabled());
        choose("model");
        QVERIFY(path->isEnabled() && layer->isEnabled());
        choose("hubert");
        QVERIFY(path->isEnabled() && layer->isEnabled());
        choose("npy");
        QVERIFY(path->isEnabled() && !layer->isEnabled());
        choose("none");
        QVERIFY(!path->isEnabled() && !layer->isEnabled());
        QCOMPARE(form.settings().teacher, QString("none"));
    }

    void aPresetFillsTheGeometry() {
        TrainForm form(presets_);
        QSignalSpy edited(&form, &TrainForm::edited);
        auto* preset = qobject_cast<QComboBox*>(form.field("model"));
        preset->setCurrentIndex(preset->findText("m2d_s_vit_tiny-80x64p80x2"));
        QVERIFY(edited.count() >= 1);
        QCOMPARE(form.settings().model, QString("m2d_s_vit_tiny"));
        QCOMPARE(form.settings().inputSize, QString("80x64"));
        QCOMPARE(form.settings().patchSize, QString("80x2"));
    }

    void aPresetThatIsNotInstalledIsOfferedOnce() {
        TrainForm form(presets_);
        auto* preset = qobject_cast<QComboBox*>(form.field("model"));
        const int installed = preset->count();
        TrainSettings settings = unusualSettings();
        settings.model = "my_own_vit";  // a run made elsewhere, its settings opened twice
        form.setSettings(settings);
        form.setSettings(settings);
        QCOMPARE(preset->count(), installed + 1);
        QCOMPARE(form.settings().model, QString("my_own_vit"));
        QCOMPARE(form.settings().inputSize, QString("80x64"));
        form.setSettings(TrainSettings());  // an installed one again
        QCOMPARE(form.settings().model, QString("m2d_s_vit_base"));
        QCOMPARE(form.settings().inputSize, QString("80x608"));
    }

    void problemsOutlineExactlyTheirFieldsUntilCleared() {
        TrainForm form(presets_);
        auto* problems = form.findChild<QLabel*>("formProblems");
        QVERIFY(problems->isHidden());
        form.showProblems({{"speech", "Speech: no such folder /x"}, {"batch_size", "Batch size: batch_size: 0 is outside [1, 65536]"}});
        QVERIFY(!problems->isHidden());
        QCOMPARE(problems->text(), QString("Speech: no such folder /x\nBatch size: batch_size: 0 is outside [1, 65536]"));
        QVERIFY(!form.field("speech")->styleSheet().isEmpty());
        QVERIFY(!form.field("batch_size")->styleSheet().isEmpty());
        for (const char* fine : {"noise", "epochs", "output_dir", "model", "device"}) QVERIFY2(form.field(fine)->styleSheet().isEmpty(), fine);
        form.showProblems({{"epochs", "Epochs: epochs: 0 is outside [1, 1000000]"}});
        QVERIFY(form.field("speech")->styleSheet().isEmpty());  // corrected fields lose their outline
        QVERIFY(!form.field("epochs")->styleSheet().isEmpty());
        form.showProblems({});
        QVERIFY(problems->isHidden());
        QVERIFY(form.field("epochs")->styleSheet().isEmpty());
    }

    void typingInAnyFieldIsReported() {
        TrainForm form(presets_);
        QSignalSpy edited(&form, &TrainForm::edited);
        for (const char* flag : {"speech", "noise", "output_dir", "batch_size", "input_size"}) {
            const int before = int(edited.count());
            edit(form, flag)->setText("1");
            QVERIFY2(edited.count() > before, flag);
        }
    }

private:
    QVector<TrainPreset> presets_;
};

QTEST_MAIN(TestTrainForm)
#include "tst_TrainForm.moc"
