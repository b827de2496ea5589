#include <QtTest>

#include "TestData.h"
#include "common/Errors.h"
#include "model/ModelConfig.h"
#include "model/ModelPresets.h"

using namespace m2ds;

class TestModelConfig : public QObject {
    Q_OBJECT
private slots:
    // The one parser of "FxT" sizes, for m2ds train and the Train form alike.
    void sizesParseStrictly() {
        QCOMPARE(ModelConfig::parseSize("80x608", "input_size"), (std::pair<int, int>{80, 608}));
        for (const char* bad : {"80 x 608", "80x", "x608", "0x608", "80x-2", "80x608x2", "80*608", ""}) {
            try {
                ModelConfig::parseSize(bad, "input_size");
                QFAIL(bad);
            } catch (const InvalidArgument& error) {
                QVERIFY2(std::string(error.what()).rfind("input_size '", 0) == 0, error.what());
            }
        }
    }

    void officialGeometries() {
        const auto presets = ModelPresets::loadDirectory(test::sourcePath("models/presets").toStdString());
        QCOMPARE(presets.size(), std::size_t(6));
        const ModelConfig base608 = ModelPresets::find(presets, "m2d_s_vit_base-80x608p80x2");
        QCOMPARE(base608.tokens(), 304);
        QCOMPARE(base608.visibleTokens(), 121);
        QCOMPARE(ModelPresets::find(presets, "m2d_s_vit_base-80x400p80x2").visibleTokens(), 80);  // 79 in float32
        QCOMPARE(ModelPresets::find(presets, "m2d_s_vit_base-80x512p80x2").visibleTokens(), 102);
        const ModelConfig m2d = ModelPresets::find(presets, "m2d_vit_base-80x608p16x16");
        QCOMPARE(m2d.tokens(), 190);
        QCOMPARE(m2d.visibleTokens(), 57);
        QCOMPARE(m2d.frameFeatureDim(), 3840);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ModelPresets::find(presets, "nope"));
    }

    void folderNameAndJsonRoundTrip() {
        ModelConfig parsed;
        QVERIFY(ModelConfig::parseFolderName("m2d_s_vit_base-80x512p80x2-230301", parsed));
        QCOMPARE(parsed.inputFrames, 512);
        QCOMPARE(parsed.patchTime, 2);
        QCOMPARE(parsed.maskRatio, 0.6);
        QVERIFY(ModelConfig::parseFolderName("m2d_as_vit_base-80x608p16x16p32k-240213", parsed));
        QCOMPARE(parsed.patchFrequency, 16);
        QVERIFY(!ModelConfig::parseFolderName("downloads", parsed));
        const ModelConfig back = ModelConfig::fromJson(parsed.toJson());
        QCOMPARE(back.toJson(), parsed.toJson());
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ModelConfig::fromJson("{\"patch_size\": [7, 2]}"));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ModelConfig::fromJson("{not json"));
    }
};

QTEST_APPLESS_MAIN(TestModelConfig)
#include "tst_ModelConfig.moc"
