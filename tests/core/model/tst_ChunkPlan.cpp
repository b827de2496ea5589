// planChunkPasses: the official runtime's chunks of several recordings (full input-width chunks, a last one padded to
// the patch width), grouped in order into passes that may span recordings.
#include <QtTest>

#include "model/ChunkPlan.h"

using namespace m2ds;

namespace {
bool operator==(const ChunkSpan& a, const ChunkSpan& b) {
    return a.recording == b.recording && a.firstFrame == b.firstFrame && a.frames == b.frames && a.width == b.width;
}
}  // namespace

class TestChunkPlan : public QObject {
    Q_OBJECT
private slots:
    void oneChunkPerPassIsTheOfficialRuntime() {
        // 608-frame chunks, patch width 2: 1237 frames = 2 full chunks + 21 frames padded to 22.
        const auto passes = planChunkPasses({1237}, 608, 2, 1);
        QCOMPARE(passes.size(), std::size_t(3));
        QVERIFY((passes[0][0] == ChunkSpan{0, 0, 608, 608}));
        QVERIFY((passes[1][0] == ChunkSpan{0, 608, 608, 608}));
        QVERIFY((passes[2][0] == ChunkSpan{0, 1216, 21, 22}));
    }

    void passesSpanRecordingsInOrder() {
        // 100 frames, none, exactly one chunk, 2 chunks + 4 (a multiple of the patch: not padded).
        const auto passes = planChunkPasses({100, 0, 608, 1220}, 608, 2, 3);
        QCOMPARE(passes.size(), std::size_t(2));
        QCOMPARE(passes[0].size(), std::size_t(3));
        QVERIFY((passes[0][0] == ChunkSpan{0, 0, 100, 100}));
        QVERIFY((passes[0][1] == ChunkSpan{2, 0, 608, 608}));
        QVERIFY((passes[0][2] == ChunkSpan{3, 0, 608, 608}));
        QCOMPARE(passes[1].size(), std::size_t(2));
        QVERIFY((passes[1][0] == ChunkSpan{3, 608, 608, 608}));
        QVERIFY((passes[1][1] == ChunkSpan{3, 1216, 4, 4}));
    }

    void nothingToEncode() {
        QVERIFY(planChunkPasses({}, 608, 2, 16).empty());
        QVERIFY(planChunkPasses({0, 0}, 608, 2, 16).empty());
    }
};

QTEST_APPLESS_MAIN(TestChunkPlan)
#include "tst_ChunkPlan.moc"
