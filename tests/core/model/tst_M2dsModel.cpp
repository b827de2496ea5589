// Parity of the C++ model with the eager PyTorch reference (tests/golden/model/m2ds_eager.py) on the tiny
// geometry: extraction of every layer, one masked forward (prediction, target, losses, offline head), one EMA step.
#include <QtTest>

#include "ArrayComparison.h"
#include "ModelFixtures.h"
#include "checkpoint/CheckpointImporter.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"

using namespace m2ds;

namespace {
const test::Tolerance kFloat32{2e-5, 3e-6};

M2dsModel loadTiny() {
    const ImportedCheckpoint checkpoint = CheckpointImporter(ModelPresets::loadDirectory(test::presetsDirectory().toStdString()))
                                              .read(test::tinyCheckpoint().toStdString());
    return M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights);
}

const FloatArray& weight(const StateDict& weights, const std::string& name) {
    for (const auto& entry : weights)
        if (entry.first == name) return entry.second;
    throw std::runtime_error("no " + name);
}

void compare(const FloatArray& actual, const FloatArray& expected, const test::Tolerance& tolerance = kFloat32) {
    QCOMPARE(actual.shape, expected.shape);
    M2DS_COMPARE_ARRAYS(test::compareArrays(actual.values.data(), expected.values.data(), expected.values.size()), tolerance);
}
}  // namespace

class TestM2dsModel : public QObject {
    Q_OBJECT
private slots:
    void extractsEveryLayerLikeTheOfficialRuntime() {
        const M2dsModel model = loadTiny();
        const FloatArray input = test::tinyArray("extract_input");  // [80, 149]: two chunks of 64 + 21 frames
        const std::vector<FloatArray> layers = model.extract(input, {0, 1, 2});
        QCOMPARE(model.embeddingFrames(149), std::size_t(75));
        for (int layer = 0; layer <= 2; ++layer) {
            const FloatArray expected = test::tinyArray(QString("extract_layer%1").arg(layer));
            QCOMPARE(expected.shape, (std::vector<std::size_t>{75, 32}));
            compare(layers[layer], expected);
        }
    }

    void streamingAndBatchedExtractionAgree() {
        const M2dsModel model = loadTiny();
        const FloatArray input = test::tinyArray("extract_input");
        std::vector<std::size_t> starts;
        model.extract(input, {2}, [&](std::size_t first, const std::vector<FloatArray>&) { starts.push_back(first); });
        QCOMPARE(starts, (std::vector<std::size_t>{0, 64}));  // two full chunks in one batch, then the short one
        FloatArray alone = input;  // the first chunk alone equals the first 32 frames of the batched whole
        alone.shape = {80, 64};
        alone.values.clear();
        for (std::size_t mel = 0; mel < 80; ++mel)
            alone.values.insert(alone.values.end(), input.values.begin() + mel * 149, input.values.begin() + mel * 149 + 64);
        const FloatArray part = model.extract(alone, {2})[0];
        const FloatArray whole = model.extract(input, {2})[0];
        QCOMPARE(part.shape, (std::vector<std::size_t>{32, 32}));
        M2DS_COMPARE_ARRAYS(test::compareArrays(part.values.data(), whole.values.data(), part.values.size()), (test::Tolerance{1e-5, 1e-6}));
    }

    void maskedForwardMatchesReference() {
        const M2dsModel model = loadTiny();
        const FloatArray teacher = test::tinyArray("masked_teacher");
        const MaskedPrediction out = model.predictMasked(test::tinyArray("masked_input"), test::tinyArray("masked_noise"), &teacher);
        QCOMPARE(out.visible, 12);  // int(32 * 0.4)
        const FloatArray ids = test::tinyArray("masked_ids_shuffle");
        for (std::size_t i = 0; i < ids.values.size(); ++i) QCOMPARE(out.idsShuffle[i], int64_t(ids.values[i]));
        compare(out.latent, test::tinyArray("masked_latent"));
        compare(out.prediction, test::tinyArray("masked_pred"));
        compare(out.target, test::tinyArray("masked_target"));
        compare(out.perTokenLoss, test::tinyArray("masked_per_token_m2d"));
        compare(out.offline, test::tinyArray("masked_offline"));
        const FloatArray losses = test::tinyArray("masked_losses");  // loss_m2d, loss_off, total (1.0, 0.5)
        QVERIFY(qAbs(out.lossM2d - losses.values[0]) < 1e-5);
        QVERIFY(qAbs(out.lossOffline - losses.values[1]) < 1e-5);
        QVERIFY(qAbs(out.loss - losses.values[2]) < 1e-5);
    }

    void maskNoiseMatchesTorchRandWithTheSameSeed() {
        compare(M2dsModel::maskNoise(2, 32, 1234), test::tinyArray("masked_noise"), test::Tolerance{0.0, 0.0});
    }

    void emaStepMatchesReference() {
        M2dsModel model = loadTiny();
        model.emaUpdate(0.99);
        const StateDict weights = model.stateDict();
        compare(weight(weights, "target_blocks.0.attn.qkv.weight"), test::tinyArray("ema_target_blocks0_qkv_weight"), {1e-7, 1e-8});
        compare(weight(weights, "target_norm.weight"), test::tinyArray("ema_target_norm_weight"), {1e-7, 1e-8});
    }

    void freshModelFollowsTheSpecInitialisation() {
        ModelConfig config = ModelPresets::find(ModelPresets::loadDirectory(test::presetsDirectory().toStdString()), "m2d_s_vit_tiny");
        const M2dsModel model(config, true, 7);
        const StateDict weights = model.stateDict();
        QCOMPARE(weights.front().first, std::string("cls_token"));
        QCOMPARE(weights[1].first, std::string("pos_embed"));
        QCOMPARE(weights.back().first, std::string("offline_predictor.bias"));
        for (float value : weight(weights, "blocks.0.attn.qkv.bias").values) QCOMPARE(value, 0.0f);
        for (float value : weight(weights, "decoder_norm.weight").values) QCOMPARE(value, 1.0f);
        // pos_embed row 0 (cls) is zero; with 80x2 patches the frequency half is constant [0..0, 1..1].
        const FloatArray& positions = weight(weights, "pos_embed");
        for (int d = 0; d < 32; ++d) QCOMPARE(positions.values[d], 0.0f);
        const float* token5 = positions.values.data() + 6 * 32;
        for (int d = 16; d < 24; ++d) QCOMPARE(token5[d], 0.0f);
        for (int d = 24; d < 32; ++d) QCOMPARE(token5[d], 1.0f);
        QCOMPARE(token5[0], float(std::sin(5.0)));
        QCOMPARE(model.parameterCount(), int64_t(75408));
    }
};

QTEST_APPLESS_MAIN(TestM2dsModel)
#include "tst_M2dsModel.moc"
