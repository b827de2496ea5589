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

    void absurdGeometriesAreRefused_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("1e300 (a float cast to int)") << R"({"embed_dim": 1e300})" << "out_of_range";
        QTest::newRow("2^32 + 768 (wraps to 768)") << R"({"embed_dim": 4294968064})" << "out_of_range";
        QTest::newRow("frame features overflowing int") << R"({"input_size": [2147483647, 2], "patch_size": [1, 2], "embed_dim": 2147483644, "num_heads": 1})"
                                                        << "at most 65536";
        QTest::newRow("1.6e6 patches") << R"({"input_size": [40000, 40000], "patch_size": [1, 1]})" << "patches";
        QTest::newRow("negative mel bins") << R"({"input_size": [-80, 608]})" << "positive";
        QTest::newRow("negative off_emb_dim") << R"({"off_emb_dim": -1})" << "off_emb_dim >= 0";
        QTest::newRow("mlp_ratio 1e9") << R"({"mlp_ratio": 1e9})" << "mlp_ratio at most 64";
        QTest::newRow("infinite norm std") << R"({"norm_stats": [0, 1e39]})" << "out_of_range";  // beyond float
        QTest::newRow("an array") << "[1, 2]" << "cannot use value()";
        QTest::newRow("a megabyte-long string") << "\"" + QString(1 << 20, 'x') << "parse error";
    }
    void absurdGeometriesAreRefused() {
        QFETCH(QString, json);
        QFETCH(QString, reason);
        try {
            ModelConfig::fromJson(json.toStdString());
            QFAIL("accepted");
        } catch (const InvalidArgument& error) {
            const QString message = error.what();
            QVERIFY2(message.contains(reason) && message.size() < 400 && !message.contains('\n'), qPrintable(message.left(400)));
        }
    }
};

QTEST_APPLESS_MAIN(TestModelConfig)
#include "tst_ModelConfig.moc"
