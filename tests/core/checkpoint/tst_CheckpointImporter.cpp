// Official-layout .pth files import without Python; malformed and hostile files give errors naming the problem.
#include <QtTest>

#include "ModelFixtures.h"
#include "checkpoint/CheckpointImporter.h"
#include "common/Errors.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"

using namespace m2ds;

namespace {
CheckpointImporter importer() {
    return CheckpointImporter(ModelPresets::loadDirectory(test::presetsDirectory().toStdString()));
}
QString inTinyFolder(const QString& file) { return test::tinyFixture("m2d_s_vit_tiny-80x64p80x2-231125/" + file); }
}  // namespace

class TestCheckpointImporter : public QObject {
    Q_OBJECT
private slots:
    void readsTheOfficialTrainingSave() {
        const ImportedCheckpoint checkpoint = importer().read(test::tinyCheckpoint().toStdString());
        QCOMPARE(checkpoint.contents, (std::vector<std::string>{"model", "optimizer", "epoch", "scaler", "args"}));
        QCOMPARE(checkpoint.epoch, 3);
        QVERIFY(checkpoint.hasTrainingParts());
        QCOMPARE(checkpoint.weights.size(), std::size_t(2 + 2 + 2 + 2 * 12 + 2 + 2 + 2 * 12 + 2 + 2 + 2 * 12 + 2 + 2));
        QCOMPARE(checkpoint.weights.front().first, std::string("cls_token"));
        const ModelConfig& config = checkpoint.config;
        QCOMPARE(config.name, std::string("m2d_s_vit_tiny"));
        QCOMPARE(config.inputFrames, 64);
        QCOMPARE(config.dim, 32);
        QCOMPARE(config.heads, 4);
        QCOMPARE(config.decoderHeads, 4);
        QCOMPARE(config.offlineDim, 40);
        QCOMPARE(config.depth, 2);
        QVERIFY2(QString::fromStdString(checkpoint.configSource).contains("pickled args"), checkpoint.configSource.c_str());
        QVERIFY(!checkpoint.normStatsFromFile);
        QCOMPARE(config.normMean, -7.1f);
    }

    void stripsModulePrefixesAndReadsEncoderOnlyFiles() {
        const ImportedCheckpoint official = importer().read(test::tinyCheckpoint().toStdString());
        const ImportedCheckpoint prefixed = importer().read(inTinyFolder("module_prefixed.pth").toStdString());
        QCOMPARE(prefixed.weights.size(), official.weights.size());
        for (std::size_t i = 0; i < official.weights.size(); ++i) {
            QCOMPARE(prefixed.weights[i].first, official.weights[i].first);
            QCOMPARE(prefixed.weights[i].second.values, official.weights[i].second.values);
        }
        QVERIFY(QString::fromStdString(prefixed.configSource).contains("folder name"));
        const ImportedCheckpoint encoder = importer().read(inTinyFolder("encoder_only.pth").toStdString());
        QVERIFY(!encoder.hasTrainingParts());
        QCOMPARE(encoder.config.heads, 4);
        const M2dsModel model = M2dsModel::fromStateDict(encoder.config, encoder.weights);
        QVERIFY(!model.hasTrainingParts());
        const FloatArray input = test::tinyArray("extract_input");
        const FloatArray expected = test::tinyArray("extract_layer2");
        QCOMPARE(model.extract(input, {2})[0].values.size(), expected.values.size());
    }

    void badFilesNameTheProblem_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");
        QTest::newRow("hostile pickle") << "hostile.pth" << "names 'posix.system'";
        QTest::newRow("huge declared size") << "huge.pth" << "'cls_token' needs 1099511627776 elements of storage data/0, which declares 4";
        QTest::newRow("truncated") << "truncated.pth" << "not a PyTorch checkpoint";
        QTest::newRow("text") << "text.pth" << "not a PyTorch checkpoint";
        QTest::newRow("not a state dict") << "not_a_state_dict.pth" << "'model' is a list of 3, not a state dict";
        QTest::newRow("missing file") << "nope.pth" << "no such file";
    }
    void badFilesNameTheProblem() {
        QFETCH(QString, file);
        QFETCH(QString, reason);
        const std::string path = test::tinyFixture("bad/" + file).toStdString();
        try {
            importer().read(path);
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).startsWith(QString::fromStdString(path) + ": "), error.what());
            QVERIFY2(QString(error.what()).contains(reason), error.what());
        }
    }

    void wrongShapesAndMissingKeysNameTheKey_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");
        QTest::newRow("wrong shape") << "wrong_shape.pth" << "'blocks.0.attn.qkv.weight' has shape [10, 32], the model expects [96, 32]";
        QTest::newRow("missing key") << "missing_key.pth" << "lacks key 'blocks.1.norm2.bias'";
    }
    void wrongShapesAndMissingKeysNameTheKey() {
        QFETCH(QString, file);
        QFETCH(QString, reason);
        const ImportedCheckpoint official = importer().read(test::tinyCheckpoint().toStdString());
        const ImportedCheckpoint bad = importer().read(test::tinyFixture("bad/" + file).toStdString());
        try {
            M2dsModel::fromStateDict(official.config, bad.weights);
            QFAIL("accepted");
        } catch (const InvalidArgument& error) {
            QVERIFY2(QString(error.what()).contains(reason), error.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestCheckpointImporter)
#include "tst_CheckpointImporter.moc"
