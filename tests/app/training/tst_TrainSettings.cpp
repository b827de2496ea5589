// The Train form's settings become the `m2ds train` command of the contract and back, presets come from
// models/presets, and the validator names every field that cannot be launched as it is.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "TestData.h"
#include "train/TrainConfig.h"
#include "train/TrainOption.h"
#include "training/TrainParameter.h"
#include "training/TrainPresets.h"
#include "training/TrainSettings.h"
#include "training/TrainSettingsValidator.h"

using namespace m2ds;
using Purpose = TrainSettingsValidator::Purpose;

namespace {

QStringList fieldsOf(const QVector<TrainSettingsProblem>& problems) {
    QStringList fields;
    for (const TrainSettingsProblem& problem : problems) fields << problem.field;
    return fields;
}

QString messagesOf(const QVector<TrainSettingsProblem>& problems) {
    QStringList messages;
    for (const TrainSettingsProblem& problem : problems) messages << problem.message;
    return messages.join('\n');
}

QString valueOf(const QStringList& arguments, const QString& flag) {
    const qsizetype at = arguments.indexOf(flag);
    return at >= 0 && at + 1 < arguments.size() ? arguments[at + 1] : QString();
}

}  // namespace

class TestTrainSettings : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(QDir(dir_.path()).mkpath("speech"));
        QVERIFY(QDir(dir_.path()).mkpath("noise"));
        QFile list(dir_.filePath("speech.csv"));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("file_name\na.wav\n");
    }

    void argumentsFollowTheContract() {
        const QStringList arguments = good().arguments();
        QCOMPARE(arguments.first(), QString("train"));
        QCOMPARE(valueOf(arguments, "--speech"), dir_.filePath("speech"));
        QCOMPARE(valueOf(arguments, "--noise"), dir_.filePath("noise"));
        QCOMPARE(valueOf(arguments, "--output_dir"), dir_.filePath("run"));
        QCOMPARE(valueOf(arguments, "--teacher"), QString("mfcc"));
        QCOMPARE(valueOf(arguments, "--model"), QString("m2d_s_vit_base"));
        QCOMPARE(valueOf(arguments, "--input_size"), QString("80x608"));
        QCOMPARE(valueOf(arguments, "--patch_size"), QString("80x2"));
        QCOMPARE(valueOf(arguments, "--device"), QString("auto"));
        QCOMPARE(valueOf(arguments, "--amp"), QString("auto"));
        // The official defaults of the contract.
        const QMap<QString, QString> defaults{{"batch_size", "64"}, {"accum_iter", "1"}, {"epochs", "1000"}, {"warmup_epochs", "60"},
                                              {"blr", "0.0003"}, {"min_lr", "0"}, {"weight_decay", "0.05"}, {"mask_ratio", "0.6"},
                                              {"loss_m2d", "1"}, {"loss_off", "0.5"}, {"noise_ratio", "0.2"}, {"ema_decay_init", "0.99995"},
                                              {"ema_decay", "0.99999"}, {"clip_grad", "3"}, {"seed", "0"}, {"workers", "2"},
                                              {"log_every", "10"}, {"save_freq", "100"}, {"keep_last", "3"}, {"eval_freq", "20"}};
        for (auto it = defaults.begin(); it != defaults.end(); ++it) QCOMPARE(valueOf(arguments, "--" + it.key()), it.value());
        QVERIFY(!arguments.contains("--lr"));  // empty optional: the run derives it from blr
        QCOMPARE(TrainParameter::all().size(), defaults.size() + 1);
    }

    void aModelTeacherNamesCheckpointAndLayer() {
        TrainSettings settings = good();
        settings.teacher = "model";
        settings.teacherPath = "/models/m2d_s_vit_base-80x608p80x2/checkpoint-300.pth";
        settings.teacherLayer = 5;
        QCOMPARE(valueOf(settings.arguments(), "--teacher"), QString("model:/models/m2d_s_vit_base-80x608p80x2/checkpoint-300.pth:5"));
        settings.teacherLayer = -1;
        QCOMPARE(valueOf(settings.arguments(), "--teacher"), QString("model:/models/m2d_s_vit_base-80x608p80x2/checkpoint-300.pth"));
        settings.teacher = "npy";
        settings.teacherPath = "/features/hubert-l9";
        QCOMPARE(valueOf(settings.arguments(), "--teacher"), QString("npy:/features/hubert-l9"));
        QCOMPARE(TrainSettings::fromArguments(settings.arguments()).teacherPath, QString("/features/hubert-l9"));
        settings.teacherPath.clear();
        QCOMPARE(valueOf(settings.arguments(), "--teacher"), QString("npy"));
    }

    void aHubertTeacherNamesItsFolderAndLayer() {
        TrainSettings settings = good();
        settings.teacher = "hubert";
        settings.teacherPath = dir_.filePath("hubert-base");
        QCOMPARE(valueOf(settings.arguments(), "--teacher"), "hubert:" + settings.teacherPath);
        settings.teacherLayer = 9;
        QCOMPARE(valueOf(settings.arguments(), "--teacher"), "hubert:" + settings.teacherPath + ":9");
        const TrainSettings back = TrainSettings::fromArguments(settings.arguments());
        QCOMPARE(back.teacher, QString("hubert"));
        QCOMPARE(back.teacherPath, settings.teacherPath);
        QCOMPARE(back.teacherLayer, 9);
        QCOMPARE(fieldsOf(TrainSettingsValidator::check(settings, Purpose::NewRun)), QStringList{"teacher"});  // no config.json yet
        QDir().mkpath(settings.teacherPath);
        QFile(settings.teacherPath + "/config.json").open(QIODevice::WriteOnly);
        QVERIFY(TrainSettingsValidator::check(settings, Purpose::NewRun).isEmpty());
    }

    void noiseIsOptional() {
        TrainSettings settings = good();
        settings.noise.clear();
        QVERIFY(!settings.arguments().contains("--noise"));
        QVERIFY(TrainSettingsValidator::check(settings, Purpose::NewRun).isEmpty());
        settings.noise = dir_.filePath("no-noise-here");
        QCOMPARE(fieldsOf(TrainSettingsValidator::check(settings, Purpose::NewRun)), QStringList{"noise"});
    }

    void argumentsReadBack() {
        TrainSettings settings = good();
        settings.teacher = "model";
        settings.teacherPath = "/t/checkpoint-1.safetensors";
        settings.teacherLayer = 3;
        settings.model = "m2d_s_vit_tiny";
        settings.inputSize = "80x64";
        settings.device = "cuda:1";
        settings.amp = "bf16";
        settings.numbers = {{"batch_size", "4"}, {"epochs", "2"}, {"lr", "1e-3"}};
        const TrainSettings back = TrainSettings::fromArguments(settings.arguments() << "--resume" << "auto" << "--dry_run" << "5");
        QCOMPARE(back.arguments(), settings.arguments());
        QCOMPARE(back.teacherPath, QString("/t/checkpoint-1.safetensors"));
        QCOMPARE(back.teacherLayer, 3);
        QCOMPARE(back.number("lr"), QString("1e-3"));
        QCOMPARE(back.number("warmup_epochs"), QString("60"));
    }

    void goodSettingsHaveNoProblems() {
        QVERIFY2(TrainSettingsValidator::check(good(), Purpose::NewRun).isEmpty(), qPrintable(messagesOf(TrainSettingsValidator::check(good(), Purpose::NewRun))));
        TrainSettings list = good();
        list.speech = dir_.filePath("speech.csv");
        list.outputDirectory = dir_.filePath("not/yet/there");  // created at start
        QVERIFY(TrainSettingsValidator::check(list, Purpose::NewRun).isEmpty());
    }

    void emptyFormNamesEveryRequiredField() {
        const QVector<TrainSettingsProblem> problems = TrainSettingsValidator::check(TrainSettings(), Purpose::DryRun);
        QCOMPARE(fieldsOf(problems), QStringList({"speech", "output_dir"}));  // noise is optional
        QVERIFY(problems[0].message.startsWith("Speech:"));
    }

    void badValuesAreNamed_data() {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing speech") << "speech" << "/no/such/folder" << "speech" << "/no/such/folder does not exist";
        QTest::newRow("speech not a list") << "speech" << "FILE" << "speech" << "neither a folder nor a .csv / .tsv list";
        QTest::newRow("batch text") << "batch_size" << "many" << "batch_size" << "is not a whole number";
        QTest::newRow("batch zero") << "batch_size" << "0" << "batch_size" << "outside [1, 65536]";
        QTest::newRow("epochs fraction") << "epochs" << "1.5" << "epochs" << "is not a whole number";
        QTest::newRow("mask ratio") << "mask_ratio" << "1.2" << "mask_ratio" << "outside";
        QTest::newRow("blr zero") << "blr" << "0" << "blr" << "outside";
        QTest::newRow("lr text") << "lr" << "fast" << "lr" << "is not a number";
        QTest::newRow("ema") << "ema_decay" << "1.5" << "ema_decay" << "ema_decay: 1.5 is outside (0, 1]";
        QTest::newRow("input size") << "input_size" << "80 by 608" << "input_size" << "e.g. 80x608";
        QTest::newRow("indivisible") << "input_size" << "80x607" << "patch_size" << "does not divide the input 80x607";
        QTest::newRow("device") << "device" << "tpu" << "device" << "not auto, cpu, cuda or cuda:N";
        QTest::newRow("teacher model missing") << "teacher" << "model" << "teacher" << "choose an existing checkpoint";
        QTest::newRow("eval never") << "eval_freq" << "-1" << "eval_freq" << "eval_freq: -1 is outside [0, 1000000]";
        QTest::newRow("clip off") << "clip_grad" << "0" << "clip_grad" << "clip_grad: 0 is outside (0, 1000000000000]";
        QTest::newRow("no workers") << "workers" << "0" << "workers" << "workers: 0 is outside [1, 256]";
        QTest::newRow("warm-up past the end") << "warmup_epochs" << "2000" << "warmup_epochs" << "warmup_epochs: 2000 is more than epochs (1000)";
        QTest::newRow("output is a file") << "output_dir" << "FILE" << "output_dir" << "is a file";
    }
    // Every form field at the edges of its range: the form accepts exactly what core accepts, and refuses the rest
    // with core's own message, so Start never launches a run that core then rejects.
    void everyFieldAtItsExtremesAgreesWithCore() {
        for (const TrainParameter& parameter : TrainParameter::all()) {
            const TrainOption& option = TrainOption::all()[std::size_t(parameter.option)];
            const double step = option.kind == TrainOption::Kind::Integer ? 1.0 : 1e-9 * std::max(1.0, std::abs(option.maximum));
            for (const double value : {option.minimum, option.maximum, option.minimum - step, option.maximum + step,
                                       option.minimumOpen ? option.minimum + step : option.minimum}) {
                TrainSettings settings = good();
                settings.numbers[parameter.flag] = QString::number(value, 'g', 17);
                if (parameter.flag == "warmup_epochs") settings.numbers["epochs"] = "1000000";  // warm-up <= epochs
                const auto problems = TrainSettingsValidator::check(settings, Purpose::DryRun);
                const QString label = parameter.flag + " = " + QString::number(value, 'g', 17);
                if (std::holds_alternative<std::uint64_t TrainConfig::*>(option.field) && value < 0) {  // the CLI cannot parse it
                    QVERIFY2(problems.size() == 1, qPrintable(label));
                    continue;
                }
                TrainConfig config;
                config.speech = "s";
                config.outputDir = "o";
                config.epochs = 1000000;
                option.setIn(config, value);
                QString coreMessage;
                try {
                    config.validate();
                } catch (const std::exception& error) {
                    coreMessage = QString::fromUtf8(error.what());
                }
                if (coreMessage.isEmpty()) {
                    QVERIFY2(problems.isEmpty(), qPrintable(label + ": core accepts it, the form says " + (problems.isEmpty() ? "" : problems[0].message)));
                } else {
                    QVERIFY2(problems.size() == 1 && problems[0].message.contains(coreMessage),
                             qPrintable(label + ": core says " + coreMessage + ", the form " + (problems.isEmpty() ? "nothing" : problems[0].message)));
                }
            }
        }
    }

    void badValuesAreNamed() {
        QFETCH(QString, flag);
        QFETCH(QString, value);
        QFETCH(QString, field);
        QFETCH(QString, message);
        if (value == "FILE") {  // a file where a folder or a list is expected
            value = dir_.filePath("speech.csv.txt");
            QFile(value).open(QIODevice::WriteOnly);
        }
        TrainSettings settings = good();
        if (flag == "speech") settings.speech = value;
        else if (flag == "input_size") settings.inputSize = value;
        else if (flag == "device") settings.device = value;
        else if (flag == "teacher") settings.teacher = value;
        else if (flag == "output_dir") settings.outputDirectory = value;
        else settings.numbers[flag] = value;
        const QVector<TrainSettingsProblem> problems = TrainSettingsValidator::check(settings, Purpose::DryRun);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].field, field);
        QVERIFY2(problems[0].message.contains(message), qPrintable(problems[0].message));
    }

    void aNewRunDoesNotOverwriteAnEarlierOne() {
        TrainSettings settings = good();
        settings.outputDirectory = dir_.filePath("earlier");
        QVERIFY(QDir(dir_.path()).mkpath("earlier"));
        QFile log(dir_.filePath("earlier/log.jsonl"));
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.close();
        QCOMPARE(fieldsOf(TrainSettingsValidator::check(settings, Purpose::NewRun)), QStringList{"output_dir"});
        QVERIFY(TrainSettingsValidator::check(settings, Purpose::DryRun).isEmpty());
    }

    void presetsComeFromTheFolder() {
        const QVector<TrainPreset> presets = TrainPresets::load(test::sourcePath("models/presets"));
        QVERIFY(presets.size() >= 2);
        const auto tiny = std::find_if(presets.begin(), presets.end(), [](const TrainPreset& p) { return p.name == "m2d_s_vit_tiny"; });
        QVERIFY(tiny != presets.end());
        QCOMPARE(tiny->label, QString("m2d_s_vit_tiny-80x64p80x2"));
        QCOMPARE(tiny->inputSize, QString("80x64"));
        QCOMPARE(tiny->patchSize, QString("80x2"));
        QVERIFY(TrainPresets::load(dir_.filePath("no-presets")).isEmpty());
    }

private:
    TrainSettings good() const {
        TrainSettings settings;
        settings.speech = dir_.filePath("speech");
        settings.noise = dir_.filePath("noise");
        settings.outputDirectory = dir_.filePath("run");
        return settings;
    }

    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestTrainSettings)
#include "tst_TrainSettings.moc"
