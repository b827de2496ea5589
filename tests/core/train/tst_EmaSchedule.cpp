// train_speech.py::ema_decay_sched at its ends: τ0 at the first iteration, τ1 at the last (not one past it), linear in
// between, and no division by zero for a run of a single iteration.
#include <QtTest>
#include <cmath>

#include "train/EmaSchedule.h"

using namespace m2ds;

class TestEmaSchedule : public QObject {
    Q_OBJECT
private slots:
    void runsFromTheInitialDecayAtTheFirstIterationToTheFinalOneAtTheLast() {
        const EmaSchedule schedule{0.99995, 0.99999, 20.0};  // 20 iterations: 0 … 19
        QCOMPARE(schedule.at(0.0), 0.99995);
        QCOMPARE(schedule.at(19.0), 0.99999);
        QVERIFY(schedule.at(18.0) < 0.99999);
    }

    void risesLinearly() {
        const EmaSchedule schedule{0.9, 0.99, 11.0};
        QCOMPARE(schedule.at(5.0), 0.945);  // half-way: iteration 5 of 0 … 10
        for (int iteration = 1; iteration < 11; ++iteration) {
            const double step = schedule.at(iteration) - schedule.at(iteration - 1);
            QVERIFY2(std::abs(step - 0.009) < 1e-12, qPrintable(QString("iteration %1: %2").arg(iteration).arg(step)));
        }
    }

    void aFallingScheduleFallsLinearlyToo() {
        const EmaSchedule schedule{0.999, 0.99, 4.0};
        QCOMPARE(schedule.at(0.0), 0.999);
        QCOMPARE(schedule.at(3.0), 0.99);
        QCOMPARE(schedule.at(1.0), 0.996);
    }

    void aSingleIterationTakesTheFinalDecay() {
        QCOMPARE((EmaSchedule{0.99995, 0.99999, 1.0}.at(0.0)), 0.99999);  // not 0/0
        QCOMPARE((EmaSchedule{0.99995, 0.99999, 0.0}.at(0.0)), 0.99999);
    }
};

QTEST_GUILESS_MAIN(TestEmaSchedule)
#include "tst_EmaSchedule.moc"
