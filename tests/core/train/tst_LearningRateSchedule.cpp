// util/lr_sched.py at its edges: 0 at the first iteration, the peak at the end of the warm-up (reached continuously),
// the cosine's midpoint and minimum, the last iteration of a run just above the minimum, no NaN without a warm-up or
// when the warm-up lasts the whole run.
#include <QtTest>
#include <cmath>

#include "train/LearningRateSchedule.h"

using namespace m2ds;

namespace {
constexpr double kPeak = 1e-3, kMinimum = 1e-5;
constexpr int kStepsPerEpoch = 4;

/// The fractional epochs of every iteration of a run, as the Trainer computes them.
std::vector<double> iterationEpochs(int epochs) {
    std::vector<double> at;
    for (int epoch = 0; epoch < epochs; ++epoch)
        for (int step = 0; step < kStepsPerEpoch; ++step) at.push_back(double(step) / kStepsPerEpoch + epoch);
    return at;
}
}  // namespace

class TestLearningRateSchedule : public QObject {
    Q_OBJECT
private slots:
    void warmUpRisesLinearlyFromZero() {
        const LearningRateSchedule schedule{kPeak, kMinimum, 2.0, 10.0};
        QCOMPARE(schedule.at(0.0), 0.0);  // the first iteration takes no step (as the official schedule)
        QCOMPARE(schedule.at(0.25), kPeak / 8);
        QCOMPARE(schedule.at(1.0), kPeak / 2);
    }

    void thePeakIsReachedAtTheEndOfTheWarmUpWithoutAJump() {
        const LearningRateSchedule schedule{kPeak, kMinimum, 2.0, 10.0};
        QCOMPARE(schedule.at(2.0), kPeak);
        QVERIFY(std::abs(schedule.at(2.0 - 1e-9) - kPeak) < 1e-9 * kPeak);
        QVERIFY(std::abs(schedule.at(2.0 + 1e-9) - kPeak) < 1e-9 * kPeak);
        QVERIFY(schedule.at(2.0 - 1e-9) < kPeak);  // still warming up
    }

    void theCosineEndsAtTheMinimum() {
        const LearningRateSchedule schedule{kPeak, kMinimum, 2.0, 10.0};
        QCOMPARE(schedule.at(6.0), (kPeak + kMinimum) / 2);  // half-way through the cosine
        QCOMPARE(schedule.at(10.0), kMinimum);
        // The last iteration (epoch 9, step 3 of 4): kMinimum + (kPeak − kMinimum) · (1 + cos(31π/32)) / 2.
        QCOMPARE(schedule.at(iterationEpochs(10).back()), 1.2383560297262576e-05);
    }

    void risesDuringTheWarmUpAndFallsAfterIt() {
        const LearningRateSchedule schedule{kPeak, kMinimum, 3.0, 8.0};
        const std::vector<double> epochs = iterationEpochs(8);
        for (std::size_t i = 1; i < epochs.size(); ++i) {
            const double before = schedule.at(epochs[i - 1]), now = schedule.at(epochs[i]);
            QVERIFY2(epochs[i] <= 3.0 ? now > before : now < before, qPrintable(QString("epoch %1: %2 after %3").arg(epochs[i]).arg(now).arg(before)));
            QVERIFY(now >= kMinimum && now <= kPeak);
        }
    }

    void withoutWarmUpTheFirstIterationTakesThePeak() {
        const LearningRateSchedule schedule{kPeak, kMinimum, 0.0, 10.0};
        QCOMPARE(schedule.at(0.0), kPeak);  // no 0/0
        QCOMPARE(schedule.at(5.0), (kPeak + kMinimum) / 2);
        QCOMPARE(schedule.at(10.0), kMinimum);
    }

    void aWarmUpOfTheWholeRunNeverDividesByZero() {
        const LearningRateSchedule schedule{kPeak, kMinimum, 5.0, 5.0};  // warmup_epochs = epochs is allowed
        for (double epoch : iterationEpochs(5)) {
            QVERIFY(std::isfinite(schedule.at(epoch)));
            QCOMPARE(schedule.at(epoch), kPeak * epoch / 5.0);
        }
    }

    void aMinimumAboveZeroLeavesTheWarmUpAlone() {
        const LearningRateSchedule schedule{kPeak, 4e-4, 2.0, 10.0};  // the warm-up starts at 0, not at min_lr
        QCOMPARE(schedule.at(0.0), 0.0);
        QCOMPARE(schedule.at(1.0), kPeak / 2);
        QCOMPARE(schedule.at(10.0), 4e-4);
    }
};

QTEST_GUILESS_MAIN(TestLearningRateSchedule)
#include "tst_LearningRateSchedule.moc"
