// ClipPooling against hand-computed poolings of a small recording, fed in uneven chunks: the result must not depend on
// how the frames were split. Also mean+std on frames whose mean is large against their spread (no cancellation),
// reset between recordings, and the names.
#include <QtTest>
#include <cmath>

#include "analysis/ClipPooling.h"
#include "common/Errors.h"

using namespace m2ds;

Q_DECLARE_METATYPE(std::vector<float>)

namespace {

/// Five frames of three values, [5, 3] row-major.
const std::vector<float> kFrames{1.0f, -2.0f, 0.5f,  3.0f, 4.0f, 0.5f,  -1.0f, 0.0f, 0.5f,  2.0f, 1.0f, 0.5f,  5.0f, -3.0f, 0.5f};
constexpr std::size_t kDim = 3;

std::vector<float> poolInChunks(ClipPoolingKind kind, const std::vector<std::size_t>& chunks) {
    ClipPooling pooling(kind, kDim);
    std::size_t row = 0;
    for (std::size_t count : chunks) {
        pooling.add(kFrames.data() + row * kDim, count);
        row += count;
    }
    return pooling.result();
}

void compareValues(const std::vector<float>& actual, const std::vector<float>& expected) {
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i)
        QVERIFY2(std::abs(actual[i] - expected[i]) < 1e-6f, qPrintable(QString("value %1: %2 vs %3").arg(i).arg(actual[i]).arg(expected[i])));
}

}  // namespace

class TestClipPooling : public QObject {
    Q_OBJECT
private slots:
    void poolsLikeTheFormulas_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<std::vector<float>>("expected");
        // per dimension: values {1,3,-1,2,5}, {-2,4,0,1,-3}, {0.5 ×5}
        const float var0 = (1.0f + 9.0f + 1.0f + 4.0f + 25.0f) / 5.0f - 2.0f * 2.0f;
        const float var1 = (4.0f + 16.0f + 0.0f + 1.0f + 9.0f) / 5.0f - 0.0f;
        QTest::newRow("mean") << int(ClipPoolingKind::Mean) << std::vector<float>{2.0f, 0.0f, 0.5f};
        QTest::newRow("mean+std") << int(ClipPoolingKind::MeanStd)
                                  << std::vector<float>{2.0f, 0.0f, 0.5f, std::sqrt(var0), std::sqrt(var1), 0.0f};
        QTest::newRow("max") << int(ClipPoolingKind::Max) << std::vector<float>{5.0f, 4.0f, 0.5f};
        QTest::newRow("first") << int(ClipPoolingKind::First) << std::vector<float>{1.0f, -2.0f, 0.5f};
        QTest::newRow("last") << int(ClipPoolingKind::Last) << std::vector<float>{5.0f, -3.0f, 0.5f};
    }
    void poolsLikeTheFormulas() {
        QFETCH(int, kind);
        QFETCH(std::vector<float>, expected);
        const auto poolingKind = ClipPoolingKind(kind);
        QCOMPARE(ClipPooling(poolingKind, kDim).outputDim(), expected.size());
        compareValues(poolInChunks(poolingKind, {5}), expected);
        compareValues(poolInChunks(poolingKind, {2, 0, 1, 2}), expected);
        compareValues(poolInChunks(poolingKind, {1, 1, 1, 1, 1}), expected);
    }

    void stdHasNoCancellationOnALargeMean() {
        ClipPooling pooling(ClipPoolingKind::MeanStd, 1);
        const std::vector<float> frames{10000.0f, 10000.5f, 9999.5f, 10000.0f};  // std sqrt(0.125)
        pooling.add(frames.data(), frames.size());
        compareValues(pooling.result(), {10000.0f, std::sqrt(0.125f)});
    }

    void resetStartsTheNextRecording() {
        ClipPooling pooling(ClipPoolingKind::Last, kDim);
        pooling.add(kFrames.data(), 5);
        pooling.reset();
        QCOMPARE(pooling.frames(), std::size_t(0));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, pooling.result());
        pooling.add(kFrames.data(), 2);
        QCOMPARE(pooling.frames(), std::size_t(2));
        compareValues(pooling.result(), {3.0f, 4.0f, 0.5f});
    }

    void noFrameIsAnError() {
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ClipPooling(ClipPoolingKind::Mean, kDim).result());
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ClipPooling(ClipPoolingKind::Mean, 0));
    }

    void namesRoundTrip() {
        for (const char* name : {"mean", "mean+std", "max", "first", "last"})
            QCOMPARE(clipPoolingName(parseClipPooling(name)), std::string(name));
        try {
            parseClipPooling("median");
            QFAIL("median was accepted");
        } catch (const InvalidArgument& error) {
            QVERIFY(std::string(error.what()).find("mean+std") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestClipPooling)
#include "tst_ClipPooling.moc"
