// lengthBuckets(): every index once, batches within their limits, similar lengths together, deterministic.
#include <QtTest>

#include <algorithm>
#include <random>

#include "common/LengthBuckets.h"

using namespace m2ds;

namespace {
using Batches = std::vector<std::vector<std::size_t>>;
}

class TestLengthBuckets : public QObject {
    Q_OBJECT
private slots:
    void groupsSimilarLengthsInAscendingOrder() {
        const Batches batches = lengthBuckets({50, 10, 40, 20, 30, 10}, {2, 0});
        QCOMPARE(batches, (Batches{{1, 5}, {3, 4}, {2, 0}}));
    }

    void keepsEveryBatchWithinItsPaddedLength() {
        // 3 × 30 = 90 ≤ 100, but 4 × 40 = 160 > 100: the fourth starts a batch; 120 alone passes the limit yet runs.
        const Batches batches = lengthBuckets({30, 10, 20, 40, 120}, {8, 100});
        QCOMPARE(batches, (Batches{{1, 2, 0}, {3}, {4}}));
    }

    void holdsEveryIndexExactlyOnceForAnyLimits() {
        std::mt19937 random(7);
        std::vector<std::size_t> lengths(500);
        for (auto& length : lengths) length = 1 + random() % 1000;
        for (const BatchLimits limits : {BatchLimits{1, 0}, BatchLimits{16, 0}, BatchLimits{16, 4000}, BatchLimits{0, 1}}) {
            const Batches batches = lengthBuckets(lengths, limits);
            std::vector<std::size_t> seen;
            for (const auto& batch : batches) {
                QVERIFY(!batch.empty() && batch.size() <= std::max<std::size_t>(1, limits.items));
                const std::size_t longest = lengths[batch.back()];
                QVERIFY(batch.size() == 1 || limits.paddedLength == 0 || batch.size() * longest <= limits.paddedLength);
                QVERIFY(std::is_sorted(batch.begin(), batch.end(), [&](std::size_t a, std::size_t b) { return lengths[a] < lengths[b]; }));
                seen.insert(seen.end(), batch.begin(), batch.end());
            }
            std::sort(seen.begin(), seen.end());
            for (std::size_t i = 0; i < lengths.size(); ++i) QCOMPARE(seen[i], i);
            QCOMPARE(lengthBuckets(lengths, limits), batches);
        }
        QVERIFY(lengthBuckets({}, {4, 0}).empty());
    }
};

QTEST_APPLESS_MAIN(TestLengthBuckets)
#include "tst_LengthBuckets.moc"
