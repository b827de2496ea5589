// Outer folds of a probe: stratified folds spread every label evenly and reproduce with their seed, group folds never
// split a group and balance sizes and labels, given assignments are checked; bad inputs name the label or the count.
#include <QtTest>
#include <algorithm>
#include <map>
#include <set>

#include "ProbeFixtures.h"
#include "common/Errors.h"
#include "probe/ProbeFolds.h"

using namespace m2ds;

namespace {

/// Rows of each (fold, label).
std::map<std::pair<int, int>, int> countsOf(const ProbeFolds& folds, const std::vector<int>& labels) {
    std::map<std::pair<int, int>, int> counts;
    for (std::size_t r = 0; r < labels.size(); ++r) ++counts[{folds.foldOfRow()[r], labels[r]}];
    return counts;
}

std::vector<int> foldSizes(const ProbeFolds& folds) {
    std::vector<int> sizes(std::size_t(folds.count()), 0);
    for (int fold : folds.foldOfRow()) ++sizes[std::size_t(fold)];
    return sizes;
}

/// Labels 0..classes-1 with the given row counts, interleaved.
std::vector<int> labelsWithCounts(const std::vector<int>& counts) {
    std::vector<int> labels;
    for (int round = 0; round < *std::max_element(counts.begin(), counts.end()); ++round)
        for (std::size_t c = 0; c < counts.size(); ++c)
            if (round < counts[c]) labels.push_back(int(c) * 7 - 3);  // any integer ids
    return labels;
}

using test::errorOf;

}  // namespace

class TestProbeFolds : public QObject {
    Q_OBJECT
private slots:
    void stratifiedSpreadsEveryLabelEvenly() {
        const std::vector<int> counts{23, 5, 11, 40};
        const std::vector<int> labels = labelsWithCounts(counts);
        const ProbeFolds folds = ProbeFolds::stratified(labels, 5, 3);
        QCOMPARE(folds.count(), 5);
        QCOMPARE(folds.foldOfRow().size(), labels.size());
        const auto perFoldLabel = countsOf(folds, labels);
        for (std::size_t c = 0; c < counts.size(); ++c) {
            const int label = int(c) * 7 - 3;
            int low = counts[c], high = 0;
            for (int f = 0; f < 5; ++f) {
                const auto it = perFoldLabel.find({f, label});
                const int n = it == perFoldLabel.end() ? 0 : it->second;
                low = std::min(low, n), high = std::max(high, n);
            }
            QVERIFY2(high - low <= 1, qPrintable(QString("label %1: %2..%3 rows per fold").arg(label).arg(low).arg(high)));
        }
        const std::vector<int> sizes = foldSizes(folds);
        QVERIFY(*std::max_element(sizes.begin(), sizes.end()) - *std::min_element(sizes.begin(), sizes.end()) <= 1);
        QVERIFY(folds.groupOfRow().empty());
    }

    void stratifiedIsAFunctionOfTheSeed() {
        const std::vector<int> labels = labelsWithCounts({30, 30, 30});
        QCOMPARE(ProbeFolds::stratified(labels, 5, 7).foldOfRow(), ProbeFolds::stratified(labels, 5, 7).foldOfRow());
        QVERIFY(ProbeFolds::stratified(labels, 5, 7).foldOfRow() != ProbeFolds::stratified(labels, 5, 8).foldOfRow());
    }

    void heldOutMarksTheFoldsRows() {
        const ProbeFolds folds = ProbeFolds::stratified(labelsWithCounts({12, 9}), 3, 0);
        std::vector<int> timesHeldOut(folds.foldOfRow().size(), 0);
        for (int f = 0; f < 3; ++f) {
            const std::vector<char> mask = folds.heldOut(f);
            for (std::size_t r = 0; r < mask.size(); ++r) {
                QCOMPARE(bool(mask[r]), folds.foldOfRow()[r] == f);
                timesHeldOut[r] += mask[r];
            }
        }
        QVERIFY(std::all_of(timesHeldOut.begin(), timesHeldOut.end(), [](int n) { return n == 1; }));
        QVERIFY(errorOf([&] { folds.heldOut(3); }).contains("fold 3 outside 0..2"));
    }

    void stratifiedRefusesTooFewExamplesNamingTheLabel() {
        QCOMPARE(errorOf([] { ProbeFolds::stratified(labelsWithCounts({10, 3, 10}), 5, 0); }),
                 QString("label '4' has 3 examples, fewer than the 5 folds"));
        QCOMPARE(errorOf([] { ProbeFolds::stratified(std::vector<int>(20, 6), 5, 0); }), QString("a probe needs at least 2 labels, got 1 (label '6')"));
        QVERIFY(errorOf([] { ProbeFolds::stratified(labelsWithCounts({10, 10}), 1, 0); }).contains("at least 2 folds"));
    }

    void groupedNeverSplitsAGroupAndBalances() {
        // 40 speakers of 3 to 17 rows each; the label (say, gender) is a property of the speaker.
        std::vector<int> labels, groups;
        for (int speaker = 0; speaker < 40; ++speaker)
            for (int row = 0; row < 3 + (speaker * 7) % 15; ++row) labels.push_back(speaker % 2), groups.push_back(1000 + speaker);
        const ProbeFolds folds = ProbeFolds::grouped(labels, groups, 5, 1);
        QCOMPARE(folds.groupOfRow(), groups);
        std::map<int, std::set<int>> foldsOfGroup;
        for (std::size_t r = 0; r < groups.size(); ++r) foldsOfGroup[groups[r]].insert(folds.foldOfRow()[r]);
        for (const auto& [group, inFolds] : foldsOfGroup) QVERIFY2(inFolds.size() == 1, qPrintable(QString("group %1 split").arg(group)));
        const std::vector<int> sizes = foldSizes(folds);
        const double mean = double(labels.size()) / 5.0;
        for (int size : sizes) QVERIFY2(std::abs(size - mean) <= 0.15 * mean, qPrintable(QString("fold of %1 rows, mean %2").arg(size).arg(mean)));
        const auto perFoldLabel = countsOf(folds, labels);
        for (int f = 0; f < 5; ++f) {
            const double share = double(perFoldLabel.at({f, 1})) / double(sizes[std::size_t(f)]);
            QVERIFY2(share > 0.35 && share < 0.65, qPrintable(QString("fold %1: %2 of label 1").arg(f).arg(share)));
        }
    }

    void groupedRefusesFewerGroupsThanFolds() {
        const std::vector<int> labels{0, 1, 0, 1, 0, 1};
        QCOMPARE(errorOf([&] { ProbeFolds::grouped(labels, {1, 1, 2, 2, 3, 3}, 5, 0); }), QString("group k-fold: 3 groups, fewer than the 5 folds"));
        QVERIFY(errorOf([&] { ProbeFolds::grouped(labels, {1, 2}, 2, 0); }).contains("2 groups for 6 rows"));
    }

    void fromAssignmentChecksEveryFoldIsUsed() {
        const ProbeFolds folds = ProbeFolds::fromAssignment({0, 1, 2, 1, 0, 2});
        QCOMPARE(folds.count(), 3);
        QVERIFY(errorOf([] { ProbeFolds::fromAssignment({0, 2, 2, 0}); }).contains("fold 1 of 3 holds no row"));
        QVERIFY(errorOf([] { ProbeFolds::fromAssignment({0, -1, 1}); }).contains("negative fold"));
        QVERIFY(errorOf([] { ProbeFolds::fromAssignment({0, 0, 0}); }).contains("at least 2 folds"));
    }
};

QTEST_GUILESS_MAIN(TestProbeFolds)
#include "tst_ProbeFolds.moc"
