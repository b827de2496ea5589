// The attention map of a clicked patch with the tiny official-layout checkpoint: the query is the patch under the
// click, its row over the chunk's patches plus the cls share sums to 1 for every head and for the head mean, the mean
// is the average of the heads, and bad heads are refused.
#include <QtTest>
#include <cmath>

#include "TinyModel.h"
#include "ModelFixtures.h"
#include "analysis/PatchAttention.h"
#include "common/Errors.h"
#include "model/M2dsModel.h"

using namespace m2ds;

class TestPatchAttention : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        model_ = test::loadTinyModel();
        logMel_ = test::wavyLogMel(kFrames);
    }

    void rowsOverTheChunkSumToOne() {
        const PatchAttention attention(*model_, logMel_.data(), 80, kFrames, 100.0);
        const PatchAttentionResult mean = attention.at(0.9, 40, 2, -1);  // frame 90: chunk 1, column 13
        QCOMPARE(mean.query.chunk, 1);
        QCOMPARE(mean.query.token, 13);
        QCOMPARE(mean.heads, 4);
        QCOMPARE(mean.weights.size(), std::size_t(32));
        std::vector<float> average(32, 0.0f);
        for (int head = -1; head < 4; ++head) {
            const PatchAttentionResult one = attention.at(0.9, 40, 2, head);
            double sum = one.clsWeight;
            for (float weight : one.weights) sum += weight;
            QVERIFY2(std::abs(sum - 1.0) < 1e-5, qPrintable(QString("head %1: %2").arg(head).arg(sum)));
            if (head >= 0)
                for (std::size_t i = 0; i < 32; ++i) average[i] += one.weights[i] / 4.0f;
        }
        for (std::size_t i = 0; i < 32; ++i) QVERIFY(std::abs(average[i] - mean.weights[i]) < 1e-6);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, attention.at(0.9, 40, 2, 4));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, attention.at(0.9, 40, 3, -1));
    }

private:
    static constexpr std::size_t kFrames = 230;
    std::unique_ptr<M2dsModel> model_;
    std::vector<float> logMel_;
};

QTEST_APPLESS_MAIN(TestPatchAttention)
#include "tst_PatchAttention.moc"
