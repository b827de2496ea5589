// Parity of the C++ model with the eager PyTorch reference (tests/golden/model/m2ds_eager.py): extraction of every
// layer of a real log-mel, one masked forward (prediction, target, losses, offline head), one EMA step, and the
// attention probabilities of every encoder block (tiny fixtures only: tests/golden/model/make_attention_references.py).
// Runs on the committed tiny fixtures, and on ViT-Base references as `tst_M2dsModel_vit_base` (ctest -L slow).
#include <QtTest>

#include "ArrayComparison.h"
#include "ModelFixtures.h"
#include "checkpoint/CheckpointImporter.h"
#include "common/Errors.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"

using namespace m2ds;

namespace {
// Issue #3 aims at max abs 1e-4 on ViT-Base layer outputs in float32.
const test::Tolerance kFloat32{1e-4, 1e-5};

M2dsModel loadTiny() {
    const ImportedCheckpoint checkpoint = CheckpointImporter(ModelPresets::loadDirectory(test::presetsDirectory().toStdString()))
                                              .read(test::modelFixtureCheckpoint().toStdString());
    return M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights);
}

const FloatArray& weight(const StateDict& weights, const std::string& name) {
    for (const auto& entry : weights)
        if (entry.first == name) return entry.second;
    throw std::runtime_error("no " + name);
}

/// Log-mel frames [first, first + count) of `logMel` [F, T].
FloatArray frames(const FloatArray& logMel, std::size_t first, std::size_t count) {
    const std::size_t mels = logMel.shape[0], width = logMel.shape[1];
    FloatArray part{{mels, count}, {}};
    for (std::size_t mel = 0; mel < mels; ++mel)
        part.values.insert(part.values.end(), logMel.values.begin() + mel * width + first, logMel.values.begin() + mel * width + first + count);
    return part;
}

void compare(const FloatArray& actual, const FloatArray& expected, const test::Tolerance& tolerance = kFloat32) {
    QCOMPARE(actual.shape, expected.shape);
    M2DS_COMPARE_ARRAYS(test::compareArrays(actual.values.data(), expected.values.data(), expected.values.size()), tolerance);
}
}  // namespace

class TestM2dsModel : public QObject {
    Q_OBJECT
private slots:
    // One chunk per pass (the CPU's default), both full chunks in one pass (as CUDA batches them), and more per pass
    // than there are chunks: the same embeddings, each chunk encoded alone.
    void extractsEveryLayerLikeTheOfficialRuntime_data() {
        QTest::addColumn<int>("chunksPerPass");
        QTest::newRow("1 chunk per pass") << 1;
        QTest::newRow("2 chunks per pass") << 2;
        QTest::newRow("16 chunks per pass") << 16;
    }

    void extractsEveryLayerLikeTheOfficialRuntime() {
        QFETCH(int, chunksPerPass);
        M2dsModel model = loadTiny();
        QCOMPARE(model.chunksPerPass(), M2dsModel::kCpuChunksPerPass);
        model.setChunksPerPass(std::size_t(chunksPerPass));
        const FloatArray input = test::modelArray("extract_input");  // [80, 2 * inputFrames + 21]: a short odd last chunk
        const int depth = model.config().depth;
        std::vector<int> all;
        for (int layer = 0; layer <= depth; ++layer) all.push_back(layer);
        const std::vector<FloatArray> layers = model.extract(input, all);
        const std::size_t frames = (input.shape[1] + 1) / 2;
        QCOMPARE(model.embeddingFrames(input.shape[1]), frames);
        for (int layer = 0; layer <= depth; ++layer) {
            const FloatArray expected = test::modelArray(QString("extract_layer%1").arg(layer));
            QCOMPARE(expected.shape, (std::vector<std::size_t>{frames, std::size_t(model.config().dim)}));
            const test::Comparison comparison = test::compareArrays(layers[layer].values.data(), expected.values.data(), expected.values.size());
            qInfo("layer %d: %s", layer, comparison.describe(kFloat32).c_str());
            M2DS_COMPARE_ARRAYS(comparison, kFloat32);
        }
    }

    void streamingAndBatchedExtractionAgree() {
        const M2dsModel model = loadTiny();
        const FloatArray input = test::modelArray("extract_input");
        const std::size_t unit = std::size_t(model.config().inputFrames);
        const int last = model.config().depth;
        std::vector<std::size_t> starts;
        model.extract(input, {last}, [&](std::size_t first, const std::vector<FloatArray>&) { starts.push_back(first); });
        const std::size_t perChunk = unit / std::size_t(model.config().patchTime);
        QCOMPARE(starts, (std::vector<std::size_t>{0, perChunk, 2 * perChunk}));  // chunk by chunk, the short one last
        M2dsModel batched = loadTiny();
        batched.setChunksPerPass(2);
        starts.clear();
        batched.extract(input, {last}, [&](std::size_t first, const std::vector<FloatArray>&) { starts.push_back(first); });
        QCOMPARE(starts, (std::vector<std::size_t>{0, 2 * perChunk}));  // both full chunks in one pass, then the short one
        const FloatArray part = model.extract(frames(input, 0, unit), {last})[0];  // the first chunk alone: the first frames of the whole
        const FloatArray whole = model.extract(input, {last})[0];
        QCOMPARE(part.shape, (std::vector<std::size_t>{unit / 2, std::size_t(model.config().dim)}));
        M2DS_COMPARE_ARRAYS(test::compareArrays(part.values.data(), whole.values.data(), part.values.size()), (test::Tolerance{1e-5, 1e-6}));
    }

    // Recordings of 21 frames (one short chunk), one full chunk, 1.3 chunks, 0 frames and 2 chunks + 21: with 16 chunks per
    // pass all in one ragged pass, with 3 passes that span recordings, with 1 each alone; the padding of a narrower
    // chunk must stay out of attention (without the mask the first recording is off by 0.83).
    void extractTogetherEqualsEachRecordingAlone_data() {
        QTest::addColumn<int>("chunksPerPass");
        QTest::newRow("1 chunk per pass") << 1;
        QTest::newRow("3 chunks per pass") << 3;
        QTest::newRow("16 chunks per pass") << 16;
    }

    void extractTogetherEqualsEachRecordingAlone() {
        QFETCH(int, chunksPerPass);
        const M2dsModel alone = loadTiny();
        M2dsModel together = loadTiny();
        together.setChunksPerPass(std::size_t(chunksPerPass));
        const FloatArray input = test::modelArray("extract_input");
        const std::size_t unit = std::size_t(alone.config().inputFrames);
        const std::vector<FloatArray> recordings{frames(input, 5, 21), frames(input, 0, unit), frames(input, 30, unit + unit / 3),
                                                 frames(input, 0, 0), input};
        const std::vector<int> layers{0, 1, alone.config().depth};
        const std::vector<std::vector<FloatArray>> embeddings = together.extractTogether(recordings, layers);
        QCOMPARE(embeddings.size(), recordings.size());
        for (std::size_t r = 0; r < recordings.size(); ++r) {
            if (recordings[r].values.empty()) {
                for (const FloatArray& layer : embeddings[r]) QVERIFY(layer.values.empty());
                continue;
            }
            const std::vector<FloatArray> expected = alone.extract(recordings[r], layers);
            for (std::size_t l = 0; l < layers.size(); ++l) {
                QCOMPARE(embeddings[r][l].shape, expected[l].shape);
                const test::Comparison comparison = test::compareArrays(embeddings[r][l].values.data(), expected[l].values.data(), expected[l].values.size());
                qInfo("recording %zu layer %d: %s", r, layers[l], comparison.describe(kFloat32).c_str());
                M2DS_COMPARE_ARRAYS(comparison, kFloat32);
            }
        }
    }

    void maskedForwardMatchesReference() {
        const M2dsModel model = loadTiny();
        const FloatArray teacher = test::modelArray("masked_teacher");
        const MaskedPrediction out = model.predictMasked(test::modelArray("masked_input"), test::modelArray("masked_noise"), &teacher);
        QCOMPARE(out.visible, model.config().visibleTokens());
        const FloatArray ids = test::modelArray("masked_ids_shuffle");
        for (std::size_t i = 0; i < ids.values.size(); ++i) QCOMPARE(out.idsShuffle[i], int64_t(ids.values[i]));
        compare(out.latent, test::modelArray("masked_latent"));
        compare(out.prediction, test::modelArray("masked_pred"));
        compare(out.target, test::modelArray("masked_target"));
        compare(out.perTokenLoss, test::modelArray("masked_per_token_m2d"));
        compare(out.offline, test::modelArray("masked_offline"));
        const FloatArray losses = test::modelArray("masked_losses");  // loss_m2d, loss_off, total (1.0, 0.5)
        QVERIFY(qAbs(out.lossM2d - losses.values[0]) < 1e-5);
        QVERIFY(qAbs(out.lossOffline - losses.values[1]) < 1e-5);
        QVERIFY(qAbs(out.loss - losses.values[2]) < 1e-5);
    }

    void attentionMatchesReference() {
        const ImportedCheckpoint checkpoint = CheckpointImporter(ModelPresets::loadDirectory(test::presetsDirectory().toStdString()))
                                                  .read(test::tinyCheckpoint().toStdString());
        const M2dsModel model = M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights);
        const FloatArray input = test::tinyArray("attention_input");  // [1, 1, 80, 64]
        for (int layer = 1; layer <= model.config().depth; ++layer) {
            const FloatArray weights = model.attention(input, layer);
            compare(weights, test::tinyArray(QString("attention_layer%1").arg(layer)), {1e-5, 1e-6});  // probabilities in [0, 1]
            for (std::size_t row = 0; row < weights.shape[0] * weights.shape[1]; ++row) {
                double sum = 0.0;
                for (std::size_t key = 0; key < weights.shape[2]; ++key) sum += weights.values[row * weights.shape[2] + key];
                QVERIFY(std::abs(sum - 1.0) < 1e-5);
            }
        }
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, model.attention(input, 0));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, model.attention(input, model.config().depth + 1));
        FloatArray odd = input;
        odd.shape[3] = 63;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, model.attention(odd, 1));
    }

    void maskNoiseMatchesTorchRandWithTheSameSeed() {
        const FloatArray expected = test::modelArray("masked_noise");
        compare(M2dsModel::maskNoise(2, int(expected.shape[1]), 1234), expected, test::Tolerance{0.0, 0.0});
    }

    void emaStepMatchesReference() {
        M2dsModel model = loadTiny();
        model.emaUpdate(0.99);
        const StateDict weights = model.stateDict();
        compare(weight(weights, "target_blocks.0.attn.qkv.weight"), test::modelArray("ema_target_blocks0_qkv_weight"), {1e-7, 1e-8});
        compare(weight(weights, "target_norm.weight"), test::modelArray("ema_target_norm_weight"), {1e-7, 1e-8});
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
