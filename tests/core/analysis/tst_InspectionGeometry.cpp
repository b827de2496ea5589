// Where a model's patches lie in a recording: which model inputs cover a view, token ↔ frame in both directions,
// padding past the end, and the mask and per-patch loss bookkeeping of MaskedInspection.
#include <QtTest>
#include <cmath>

#include "analysis/InspectionGeometry.h"
#include "analysis/MaskedInspection.h"
#include "common/Errors.h"

using namespace m2ds;

namespace {

/// 16x16 patches on 80 x 64 inputs: a 5 x 4 grid, so rows and columns both matter.
ModelConfig squarePatches() {
    ModelConfig config;
    config.inputFrames = 64;
    config.patchFrequency = 16;
    config.patchTime = 16;
    return config;
}

}  // namespace

class TestInspectionGeometry : public QObject {
    Q_OBJECT
private slots:
    void chunksCoverTheViewInsideTheRecording() {
        const InspectionGeometry geometry(squarePatches(), 1000, 100.0);  // 10 s, 0.64 s per chunk
        QCOMPARE(geometry.chunkCount(), 16);                               // ceil(1000 / 64)
        ChunkSpan span = geometry.chunksCovering(0.0, 10.0, 24);
        QCOMPARE(span.first, 0);
        QCOMPARE(span.count, 16);
        span = geometry.chunksCovering(1.3, 2.0, 24);  // frames 130..200: chunks 2, 3
        QCOMPARE(span.first, 2);
        QCOMPARE(span.count, 2);
        span = geometry.chunksCovering(0.0, 10.0, 5);  // capped from the first
        QCOMPARE(span.first, 0);
        QCOMPARE(span.count, 5);
        span = geometry.chunksCovering(50.0, 60.0, 24);  // past the end: the last chunk
        QCOMPARE(span.first, 15);
        QCOMPARE(span.count, 1);
        span = geometry.chunksCovering(-3.0, -1.0, 24);  // before the start: the first chunk
        QCOMPARE(span.first, 0);
        QCOMPARE(span.count, 1);
    }

    void tokensMapToFramesAndBack() {
        const InspectionGeometry geometry(squarePatches(), 1000, 100.0);
        QCOMPARE(geometry.tokensPerChunk(), 20);
        // Token 4 · 4 + 3 = 19 (row 4, column 3) of chunk 2 starts at frame 2 · 64 + 3 · 16.
        QCOMPARE(geometry.firstFrame(2, 19), std::size_t(176));
        QCOMPARE(geometry.firstFrame(0, 4), std::size_t(0));  // row 1, column 0
        for (int chunk : {0, 7, 15})
            for (int token = 0; token < 20; ++token) {
                const int row = token / 4;
                for (std::size_t offset : {std::size_t(0), std::size_t(15)}) {
                    const TokenAddress back = geometry.tokenAt(geometry.firstFrame(chunk, token) + offset, row * 16 + int(offset));
                    QCOMPARE(back.chunk, chunk);
                    QCOMPARE(back.token, token);
                }
            }
        QCOMPARE(geometry.tokenAt(10, 200).token, 16);  // mel bins beyond the grid clamp to the top row
        QCOMPARE(geometry.tokenAt(10, -3).token, 0);
    }

    void tokensPastTheEndArePadding() {
        const InspectionGeometry geometry(squarePatches(), 1000, 100.0);  // chunk 15 holds frames 960..999
        QVERIFY(!geometry.isPadding(15, 2));                               // frames 992..1007 start inside
        QVERIFY(geometry.isPadding(15, 3));                                // frames 1008.. are padding
        QVERIFY(geometry.isPadding(15, 19));
        QVERIFY(!geometry.isPadding(14, 3));
    }

    void rejectsBadGeometry() {
        ModelConfig config = squarePatches();
        config.patchTime = 5;  // 64 frames do not split into 5-frame patches
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, InspectionGeometry(config, 100, 100.0));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, InspectionGeometry(squarePatches(), 100, 0.0));
    }

    void noiseRanksLikeArgsortAndMasksTheRest() {
        const FloatArray noise{{2, 4}, {0.7f, 0.1f, 0.4f, 0.1f, 0.2f, 0.9f, 0.3f, 0.0f}};
        const std::vector<int64_t> order = MaskedInspection::rankNoise(noise);
        QCOMPARE(order, (std::vector<int64_t>{1, 3, 2, 0, 3, 0, 2, 1}));  // ties keep their order
        const std::vector<char> masked = MaskedInspection::maskFromOrder(order, 4, 2);
        QCOMPARE(masked, (std::vector<char>{1, 0, 1, 0, 0, 1, 1, 0}));
    }

    void lossesLandOnTheirTokensAndSkipPadding() {
        const InspectionGeometry geometry(squarePatches(), 1000, 100.0);
        const ChunkSpan chunks{15, 1};
        std::vector<int64_t> order(20);
        for (int i = 0; i < 20; ++i) order[std::size_t(i)] = 19 - i;  // visible: 19..4; masked: 3, 2, 1, 0
        std::vector<float> tokenLoss;
        const float mean = MaskedInspection::scatterLosses(geometry, chunks, order, 16, {0.5f, 0.25f, 1.0f, 2.0f}, tokenLoss);
        QCOMPARE(tokenLoss.size(), std::size_t(20));
        QVERIFY(std::isnan(tokenLoss[3]));  // masked, but padding: no loss
        QCOMPARE(tokenLoss[2], 0.25f);
        QCOMPARE(tokenLoss[1], 1.0f);
        QCOMPARE(tokenLoss[0], 2.0f);
        for (int token = 4; token < 20; ++token) QVERIFY(std::isnan(tokenLoss[std::size_t(token)]));
        QCOMPARE(mean, (0.25f + 1.0f + 2.0f) / 3.0f);
    }
};

QTEST_APPLESS_MAIN(TestInspectionGeometry)
#include "tst_InspectionGeometry.moc"
