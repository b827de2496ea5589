// The one table of `m2ds train`'s numeric flags: every official default lies in its range and reads back as the
// TrainConfig default; validate() refuses each field just outside its range with the table's message.
#include <QtTest>
#include <cmath>

#include "common/Errors.h"
#include "train/TrainConfig.h"
#include "train/TrainOption.h"

using namespace m2ds;

class TestTrainOption : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreInRangeAndReadBack() {
        const TrainConfig defaults;
        for (const TrainOption& option : TrainOption::all()) {
            QVERIFY2(option.problemWith(option.valueIn(defaults)).empty(), option.flag.c_str());
            QCOMPARE(std::stod(option.defaultText()), option.valueIn(defaults));
            QCOMPARE(TrainOption::find(option.flag), &option);
        }
        QCOMPARE(TrainOption::find("batch_size")->defaultText(), std::string("64"));
        QCOMPARE(TrainOption::find("blr")->defaultText(), std::string("0.0003"));
        QVERIFY(!TrainOption::find("no_such_flag"));
    }

    void validateRefusesEachFieldJustOutsideItsRange() {
        for (const TrainOption& option : TrainOption::all()) {
            if (std::holds_alternative<std::uint64_t TrainConfig::*>(option.field)) continue;  // unsigned: no value below 0
            TrainConfig config;
            config.speech = "s";
            config.outputDir = "o";
            const double below = option.minimumOpen ? option.minimum : option.minimum - 1.0;
            option.setIn(config, option.optional && below == 0.0 ? -1.0 : below);
            try {
                config.validate();
                QFAIL(("accepted " + option.flag + " below its range").c_str());
            } catch (const InvalidArgument& error) {
                QVERIFY2(std::string(error.what()).rfind(option.flag + ": ", 0) == 0, error.what());
            }
        }
    }

    void messagesNameFlagValueAndRange() {
        QCOMPARE(TrainOption::find("clip_grad")->problemWith(0.0), std::string("clip_grad: 0 is outside (0, 1000000000000]"));
        QCOMPARE(TrainOption::find("epochs")->problemWith(1.5), std::string("epochs: 1.5 is not a whole number"));
        QVERIFY(TrainOption::find("lr")->problemWith(0.0).empty());  // 0 = derived from blr
        QCOMPARE(TrainOption::find("mask_ratio")->problemWith(1.0), std::string("mask_ratio: 1 is outside (0, 1)"));
    }
};

QTEST_GUILESS_MAIN(TestTrainOption)
#include "tst_TrainOption.moc"
