// hubertBatchLimits (recordings per pass by device, 20 s of padded audio each) and hiddenStatesInBuckets on the tiny
// base model: five waves of mixed lengths in buckets of two come back in their own order, each as it is alone.
#include <QtTest>
#include <cmath>

#include "ArrayComparison.h"
#include "TestData.h"
#include "model/hubert/HubertBatching.h"
#include "model/hubert/HubertModel.h"

using namespace m2ds;

class TestHubertBatching : public QObject {
    Q_OBJECT
private slots:
    void limitsFollowTheDevice() {
        QCOMPARE(hubertBatchLimits("cpu", 0).items, std::size_t(1));
        QCOMPARE(hubertBatchLimits("cuda", 0).items, kCudaHubertBatch);
        QCOMPARE(hubertBatchLimits("cuda:1", 0).items, kCudaHubertBatch);
        const BatchLimits asked = hubertBatchLimits("cpu", 4);
        QCOMPARE(asked.items, std::size_t(4));
        QCOMPARE(asked.paddedLength, std::size_t(4 * 20 * 16000));
    }

    void bucketsComeBackInTheWavesOrder() {
        const HubertModel model = HubertModel::load(test::sourcePath("tests/golden/hubert/tiny/base").toStdString());
        std::vector<std::vector<float>> waves;
        for (const std::size_t samples : {16000, 800, 24000, 401, 9000}) {
            waves.emplace_back(samples);
            for (std::size_t i = 0; i < samples; ++i) waves.back()[i] = float(std::sin(double(i) * 0.01 * double(samples % 7 + 1)));
        }
        const std::vector<std::vector<FloatArray>> states = hiddenStatesInBuckets(model, waves, {0, 2}, BatchLimits{2, 0});
        QCOMPARE(states.size(), waves.size());
        for (std::size_t w = 0; w < waves.size(); ++w) {
            const std::vector<FloatArray> alone = model.hiddenStates(waves[w], {0, 2});
            for (std::size_t l = 0; l < alone.size(); ++l) {
                QCOMPARE(states[w][l].shape, alone[l].shape);
                M2DS_COMPARE_ARRAYS(test::compareArrays(states[w][l].values.data(), alone[l].values.data(), alone[l].values.size()),
                                    (test::Tolerance{1e-4, 1e-5}));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestHubertBatching)
#include "tst_HubertBatching.moc"
