// Parity of the C++ HuBERT / wav2vec 2.0 encoder with torchaudio (HF architecture and hidden_states indexing) on the
// tiny models of tests/golden/hubert/make_hubert_references.py: real speech and edge-case lengths, a post-LN
// group-norm model and a pre-LN layer-norm one, every checkpoint spelling, each bad file a clear error, and the
// geometry and weights file found without reading the weights.
#include <QtTest>

#include "ArrayComparison.h"
#include "TestData.h"
#include "common/Errors.h"
#include "common/NpyFile.h"
#include "model/M2dsModel.h"
#include "model/hubert/HubertCheckpoint.h"
#include "model/hubert/HubertConfig.h"
#include "model/hubert/HubertModel.h"
#include "model/hubert/HubertWeightNames.h"
#include "model/hubert/TeacherNormalisation.h"

using namespace m2ds;

namespace {
// The tiny models hold 1e-5 under every OpenBLAS kernel; issue #12 aims at max abs 1e-4 on hubert_base layers in
// float32, the bound of the `slow` run on that geometry (tst_HubertModel_base, $M2DS_HUBERT_FIXTURES set).
const test::Tolerance kFloat32{1e-5, 2e-6};
const test::Tolerance kBaseFloat32{1e-4, 1e-5};
const char* const kWaves[] = {"speech", "exact400", "odd401", "odd5557"};

bool baseGeometry() { return qEnvironmentVariableIsSet("M2DS_HUBERT_FIXTURES"); }

/// <fixtures>/<relative>: tests/golden/hubert/tiny, or $M2DS_HUBERT_FIXTURES (the hubert_base references).
std::string fixture(const QString& relative) {
    const QString root = baseGeometry() ? qEnvironmentVariable("M2DS_HUBERT_FIXTURES") : test::sourcePath("tests/golden/hubert/tiny");
    return QDir(root).filePath(relative).toStdString();
}

FloatArray array(const QString& name) { return NpyFile::readFloat32(fixture(name + ".npy")); }

/// The wave a reference was computed on: speech normalised as Wav2Vec2Processor does, the edge cases as they are.
std::vector<float> input(const QString& wave) { return array(wave == "speech" ? "normalised_speech" : "wave_" + wave).values; }

std::vector<int> allStates(const HubertModel& model) {
    std::vector<int> states(std::size_t(model.stateCount()));
    std::iota(states.begin(), states.end(), 0);
    return states;
}

enum class Passes { EachWaveAlone, OnePaddedBatch };

/// Compares every hidden state of every reference wave, computed wave by wave or all waves (of four lengths, from
/// 400 samples to 7 s) in one zero-padded batch; prints the max abs error per state.
void compareWithReferences(const HubertModel& model, const QString& label, Passes passes = Passes::EachWaveAlone) {
    const test::Tolerance tolerance = baseGeometry() ? kBaseFloat32 : kFloat32;
    std::vector<std::vector<float>> waves;
    for (const char* wave : kWaves) waves.push_back(input(wave));
    std::vector<std::vector<FloatArray>> batch;
    if (passes == Passes::OnePaddedBatch) batch = model.hiddenStatesOfBatch(waves, allStates(model));
    else
        for (const auto& wave : waves) batch.push_back(model.hiddenStates(wave, allStates(model)));
    for (std::size_t w = 0; w < waves.size(); ++w) {
        const char* wave = kWaves[w];
        const std::vector<FloatArray>& states = batch[w];
        for (int i = 0; i < model.stateCount(); ++i) {
            const FloatArray expected = array(QString("%1_%2_h%3").arg(label, wave).arg(i));
            QCOMPARE(states[std::size_t(i)].shape, expected.shape);
            const auto comparison = test::compareArrays(states[std::size_t(i)].values.data(), expected.values.data(), expected.values.size());
            qInfo("%s %s%s hidden_states[%d] %s", qPrintable(label), wave, passes == Passes::OnePaddedBatch ? " (in a padded batch)" : "", i,
                  comparison.describe(tolerance).c_str());
            M2DS_COMPARE_ARRAYS(comparison, tolerance);
        }
    }
}

/// The InputError message loading `relative` gives (fails the test when it loads).
QString loadError(const QString& relative) {
    try {
        HubertModel::load(fixture(relative));
    } catch (const InputError& error) {
        return QString::fromStdString(error.what());
    }
    return "loaded without an error";
}
}  // namespace

class TestHubertModel : public QObject {
    Q_OBJECT
private slots:
    void readsTheGeometryFromConfigJson() {
        const HubertModel model = HubertModel::load(fixture("base"));
        const HubertConfig& config = model.config();
        QCOMPARE(config.hiddenSize, 32);
        QCOMPARE(config.layers, 2);
        QCOMPARE(config.heads, 4);
        QCOMPARE(config.positionKernel, 128);
        QVERIFY(config.featureNorm == HubertConfig::FeatureNorm::Group);
        QVERIFY(!config.stableLayerNorm);
        QCOMPARE(config.receptiveField(), std::size_t(400));
        QCOMPARE(config.hopSamples(), std::size_t(320));
        QCOMPARE(config.frameCount(399), std::size_t(0));
        QCOMPARE(config.frameCount(400), std::size_t(1));
        QCOMPARE(config.frameCount(32000), std::size_t(99));
        QCOMPARE(model.stateCount(), 3);
        const HubertModel large = HubertModel::load(fixture("large"));
        QVERIFY(large.config().featureNorm == HubertConfig::FeatureNorm::Layer);
        QVERIFY(large.config().stableLayerNorm && large.config().convBias);
        QCOMPARE(large.config().modelType, std::string("wav2vec2"));
    }

    void normalisesLikeWav2Vec2Processor() {
        const std::vector<float> normalised = normaliseForHubert(array("wave_speech").values);
        const FloatArray expected = array("normalised_speech");
        QCOMPARE(normalised.size(), expected.values.size());
        M2DS_COMPARE_ARRAYS(test::compareArrays(normalised.data(), expected.values.data(), normalised.size()), (test::Tolerance{2e-6, 2e-7}));
        QVERIFY(normaliseForHubert({}).empty());
    }

    void postLayerNormModelMatchesTorchaudio() { compareWithReferences(HubertModel::load(fixture("base")), "base"); }

    void preLayerNormModelMatchesTorchaudio() { compareWithReferences(HubertModel::load(fixture("large")), "large"); }

    // Group norm (base) and layer norm + pre-LN (large) models: a padded row must come out as that wave alone.
    void paddedBatchOfGroupNormModelMatchesEachWaveAlone() {
        compareWithReferences(HubertModel::load(fixture("base")), "base", Passes::OnePaddedBatch);
    }

    void paddedBatchOfLayerNormModelMatchesEachWaveAlone() {
        compareWithReferences(HubertModel::load(fixture("large")), "large", Passes::OnePaddedBatch);
    }

    // bfloat16 keeps 8 bits of mantissa: every hidden state within 10 % (at most, 1 % on average) of the float32 one's
    // largest magnitude (measured: 3.4 %, 0.3 %), the last not bit-equal (it did compute in bfloat16), whether one wave
    // or a padded batch.
    void bfloat16StaysCloseToFloat32() {
        HubertModel model = HubertModel::load(fixture("base"));
        const std::vector<float> wave = input("speech");
        const std::vector<int> all = allStates(model);
        const std::vector<FloatArray> expected = model.hiddenStates(wave, all);
        model.setPrecision(HubertPrecision::BFloat16);
        QCOMPARE(model.precision(), HubertPrecision::BFloat16);
        const std::vector<FloatArray> alone = model.hiddenStates(wave, all);
        const std::vector<FloatArray> batched = model.hiddenStatesOfBatch({input("odd5557"), wave}, all)[1];
        for (const std::vector<FloatArray>* actual : {&alone, &batched})
            for (std::size_t l = 0; l < all.size(); ++l) {
                QCOMPARE((*actual)[l].shape, expected[l].shape);
                float largest = 0.0f;
                for (const float value : expected[l].values) largest = std::max(largest, std::abs(value));
                const test::Comparison comparison = test::compareArrays((*actual)[l].values.data(), expected[l].values.data(), expected[l].values.size());
                qInfo("hidden state %d in bfloat16: %s, largest |x| %.3g", all[l], comparison.describe({0.1 * largest, 0.01 * largest}).c_str(), largest);
                M2DS_COMPARE_ARRAYS(comparison, (test::Tolerance{0.1 * largest, 0.01 * largest}));
            }
        QVERIFY(alone.back().values != expected.back().values);
        QCOMPARE(precisionNamed("bfloat16"), HubertPrecision::BFloat16);
        QCOMPARE(QString::fromStdString(precisionName(HubertPrecision::Float32)), QString("float32"));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, precisionNamed("float16"));
    }

    void batchKeepsWavesWithoutAFrameInTheirPlace() {
        const HubertModel model = HubertModel::load(fixture("base"));
        const auto batch = model.hiddenStatesOfBatch({std::vector<float>(399, 0.1f), input("odd401"), {}}, {2});
        QCOMPARE(batch.size(), std::size_t(3));
        QCOMPARE(batch[0][0].shape, (std::vector<std::size_t>{0, 32}));
        QCOMPARE(batch[1][0].shape, (std::vector<std::size_t>{1, 32}));
        QCOMPARE(batch[2][0].shape, (std::vector<std::size_t>{0, 32}));
        QVERIFY(model.hiddenStatesOfBatch({}, {2}).empty());
    }

    void everySpellingLoadsTheSameWeights() {
        const std::vector<float> wave = input("speech");
        const HubertModel reference = HubertModel::load(fixture("base"));
        const FloatArray expected = reference.hiddenStates(wave, {2})[0];
        // pytorch_model.bin with `hubert.` prefixes and parametrizations.weight.original0/1; torchaudio's own names.
        for (const char* spelling : {"base_bin", "base_bin/pytorch_model.bin", "base_torchaudio", "base_torchaudio/hubert_tiny.pth"}) {
            const FloatArray actual = HubertModel::load(fixture(spelling)).hiddenStates(wave, {2})[0];
            QCOMPARE(actual.shape, expected.shape);
            M2DS_COMPARE_ARRAYS(test::compareArrays(actual.values.data(), expected.values.data(), expected.values.size()), (test::Tolerance{0.0, 0.0}));
        }
    }

    void namesCheckpointKeysLikeHuggingFace() {
        QCOMPARE(hubertParameterName("hubert.encoder.pos_conv_embed.conv.parametrizations.weight.original0"),
                 std::string("encoder.pos_conv_embed.conv.weight_g"));
        QCOMPARE(hubertParameterName("wav2vec2.encoder.pos_conv_embed.conv.parametrizations.weight.original1"),
                 std::string("encoder.pos_conv_embed.conv.weight_v"));
        QCOMPARE(hubertParameterName("encoder.transformer.layers.3.attention.q_proj.weight"), std::string("encoder.layers.3.attention.q_proj.weight"));
        QCOMPARE(hubertParameterName("encoder.feature_projection.projection.bias"), std::string("feature_projection.projection.bias"));
        QCOMPARE(hubertParameterName("feature_extractor.conv_layers.0.conv.weight"), std::string("feature_extractor.conv_layers.0.conv.weight"));
        QCOMPARE(hubertParameterName("lm_head.weight"), std::string());
        QCOMPARE(hubertParameterName("masked_spec_embed"), std::string());
    }

    void returnsRequestedStatesOnlyAndNoFramesBelowTheReceptiveField() {
        const HubertModel model = HubertModel::load(fixture("base"));
        const std::vector<float> wave = input("odd5557");
        const std::vector<FloatArray> some = model.hiddenStates(wave, {2, 0});
        QCOMPARE(some.size(), std::size_t(2));
        const FloatArray expected = array("base_odd5557_h0");
        M2DS_COMPARE_ARRAYS(test::compareArrays(some[1].values.data(), expected.values.data(), expected.values.size()), kFloat32);
        const std::vector<FloatArray> none = model.hiddenStates(std::vector<float>(399, 0.1f), {0, 2});
        QCOMPARE(none[1].shape, (std::vector<std::size_t>{0, 32}));
        QVERIFY(none[1].values.empty());
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, model.hiddenStates(wave, {3}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, model.hiddenStates(wave, {-1}));
    }

    void runsOnTheDeviceItIsGiven() {
        HubertModel model = HubertModel::load(fixture("base"));
        QCOMPARE(model.device(), std::string("cpu"));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, model.setDevice("nonsense"));
        if (!M2dsModel::cudaAvailable()) QVERIFY_THROWS_EXCEPTION(InvalidArgument, model.setDevice("cuda"));
        model.setDevice("cpu");
        QCOMPARE(model.hiddenStates(input("odd401"), {1})[0].shape, (std::vector<std::size_t>{1, 32}));
    }

    void absurdConfigValuesAreShortErrors_data() {
        QTest::addColumn<QString>("json");
        QTest::newRow("1e300 (a float cast to int)") << R"({"hidden_size": 1e300})";
        QTest::newRow("2^32 + 768 (wraps to 768)") << R"({"hidden_size": 4294968064})";
        QTest::newRow("a 600-element list for an int") << "{\"num_hidden_layers\": [" + QString("7,").repeated(599) + "7]}";
        QTest::newRow("an escape in model_type") << "{\"model_type\": \"\\u001b[2J\"}";
    }
    void absurdConfigValuesAreShortErrors() {
        // Found by fuzz_hubert_config: undefined float casts, and the whole value echoed into the message.
        QFETCH(QString, json);
        try {
            HubertConfig::fromJson(json.toStdString(), "config.json");
            QFAIL("accepted");
        } catch (const InputError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.startsWith("config.json: ") && message.size() < 300 && !message.contains('\x1b'), qPrintable(message));
        }
    }

    void badFilesGiveClearErrors_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("missing key") << "bad/missing_key" << QStringList{"model.safetensors", "missing key 'encoder.layers.1.final_layer_norm.bias'"};
        QTest::newRow("wrong shape") << "bad/wrong_shape"
                                     << QStringList{"model.safetensors", "'encoder.layers.0.attention.q_proj.weight' has shape [16, 32]", "expects [32, 32]"};
        QTest::newRow("config does not match the weights")
            << "bad/config_mismatch" << QStringList{"model.safetensors", "config.json", "hidden 48", "expects"};
        QTest::newRow("unsupported feat_extract_norm") << "bad/unsupported_norm" << QStringList{"config.json", "unsupported feat_extract_norm \"batch\""};
        QTest::newRow("no weights") << "bad/no_weights" << QStringList{"no_weights", "no model.safetensors, pytorch_model.bin or .pth"};
        QTest::newRow("config not JSON") << "bad/not_json" << QStringList{"config.json", "is not a JSON object"};
        QTest::newRow("no config") << "bad" << QStringList{"no config.json in this folder"};
        QTest::newRow("no such folder") << "bad/absent" << QStringList{"absent", "no such file or folder"};
    }

    void badFilesGiveClearErrors() {
        QFETCH(QString, folder);
        QFETCH(QStringList, mentions);
        const QString message = loadError(folder);
        for (const QString& mention : mentions) QVERIFY2(message.contains(mention), qPrintable(message));
    }

    void findsTheGeometryAndWeightsFileWithoutReadingTheWeights() {
        const HubertCheckpoint base = HubertCheckpoint::readWithoutWeights(fixture("base"));
        QCOMPARE(base.config.layers, 2);
        QVERIFY(base.weights.empty());
        QVERIFY(QString::fromStdString(base.configPath).endsWith("base/config.json"));
        QVERIFY(QString::fromStdString(base.weightsPath).endsWith("base/model.safetensors"));
        QCOMPARE(HubertCheckpoint::readWithoutWeights(fixture("large")).config.modelType, std::string("wav2vec2"));
        for (const char* unread : {"bad/missing_key", "bad/wrong_shape", "bad/config_mismatch"})  // their weights are what is wrong
            QVERIFY(HubertCheckpoint::readWithoutWeights(fixture(unread)).weights.empty());
        for (const char* bad : {"bad/unsupported_norm", "bad/no_weights", "bad/not_json", "bad", "bad/absent"})
            QVERIFY_THROWS_EXCEPTION(InputError, HubertCheckpoint::readWithoutWeights(fixture(bad)));
    }
};

QTEST_APPLESS_MAIN(TestHubertModel)
#include "tst_HubertModel.moc"
