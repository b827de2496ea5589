// The job system: results arrive on the GUI thread, a cancelled job stops at its next progress report and says nothing
// afterwards (no progress, no result, no failure, even one it throws on its way out), a job dropped while queued never
// starts, failures carry their message, RunAll runs everything in order, under LatestWins a new request stops the one
// running and a burst runs only the newest, and a queue that goes away stops and joins its running job.
#include <QSemaphore>
#include <QSignalSpy>
#include <QtTest>
#include <atomic>
#include <stdexcept>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "jobs/JobQueue.h"

using namespace m2ds;

namespace {

/// A job that reports progress until it is cancelled (then rethrows, or throws `lateFailure` when given one).
struct ReportingUntilCancelled {
    std::atomic<bool>* started;
    std::atomic<bool>* stopped;
    const char* lateFailure = nullptr;
    int operator()(const ProgressMonitor& monitor) const {
        *started = true;
        try {
            for (;;) {
                monitor.report(0.5);
                QThread::msleep(1);
            }
        } catch (const CancelledError&) {
            *stopped = true;
            if (lateFailure) throw std::runtime_error(lateFailure);
            throw;
        }
        return 0;
    }
};

/// Runs a trivial job on `queue` and waits for its result: everything the queue posted before is delivered by then.
bool drain(JobQueue& queue) {
    bool done = false;
    queue.run<int>([](const ProgressMonitor&) { return 0; }, [&done](int, int) { done = true; });
    return QTest::qWaitFor([&done] { return done; }, 10000);
}

}  // namespace

class TestJobQueue : public QObject {
    Q_OBJECT
private slots:
    void resultArrivesOnTheGuiThreadAfterProgress() {
        JobQueue queue(QStringLiteral("test"), JobQueue::Policy::RunAll);
        QSignalSpy progress(&queue, &JobQueue::progress);
        int result = 0;
        QThread* deliveredOn = nullptr;
        QThread* computedOn = nullptr;
        const int id = queue.run<int>(
            [&computedOn](const ProgressMonitor& monitor) {
                computedOn = QThread::currentThread();
                monitor.report(1.0);
                return 42;
            },
            [&](int jobId, int value) {
                QCOMPARE(jobId, 1);
                result = value;
                deliveredOn = QThread::currentThread();
            });
        QCOMPARE(id, 1);
        QVERIFY(queue.isPending(id));
        QTRY_COMPARE_WITH_TIMEOUT(result, 42, 10000);
        QCOMPARE(deliveredOn, QThread::currentThread());
        QVERIFY(computedOn != QThread::currentThread());
        QCOMPARE(progress.count(), 1);
        QCOMPARE(progress.first().at(1).toDouble(), 1.0);
        QCOMPARE(queue.pendingCount(), 0);
    }

    void aCancelledJobStopsAndSaysNothing() {
        JobQueue queue(QStringLiteral("test"), JobQueue::Policy::RunAll);
        QSignalSpy failed(&queue, &JobQueue::failed);
        std::atomic<bool> started{false}, stopped{false};
        bool delivered = false;
        const int id = queue.run<int>(
            [&](const ProgressMonitor& monitor) {
                started = true;
                try {
                    for (;;) {
                        monitor.report(0.5);
                        QThread::msleep(1);
                    }
                } catch (const CancelledError&) {
                    stopped = true;
                    throw;
                }
                return 0;
            },
            [&](int, int) { delivered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(started, 10000);
        queue.cancel(id);
        QVERIFY(!queue.isPending(id));
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 10000);
        bool next = false;  // the queue goes on; once the next job is delivered, anything of the first would be too
        queue.run<int>([](const ProgressMonitor&) { return 1; }, [&](int, int) { next = true; });
        QTRY_VERIFY_WITH_TIMEOUT(next, 10000);
        QVERIFY(!delivered);
        QCOMPARE(failed.count(), 0);
    }

    void failuresCarryTheirMessage() {
        JobQueue queue(QStringLiteral("test"), JobQueue::Policy::RunAll);
        QSignalSpy failed(&queue, &JobQueue::failed);
        const int plain = queue.run<int>([](const ProgressMonitor&) -> int { throw InputError("/a/b.wav", "no such file"); }, [](int, int) {});
        const int described = queue.run<int>([](const ProgressMonitor&) -> int { throw std::bad_alloc(); }, [](int, int) {},
                                             [](const std::exception&) { return QStringLiteral("out of memory"); });
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10000);
        QCOMPARE(failed.at(0).at(0).toInt(), plain);
        QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("/a/b.wav: no such file"));
        QCOMPARE(failed.at(1).at(0).toInt(), described);
        QCOMPARE(failed.at(1).at(1).toString(), QStringLiteral("out of memory"));
        QCOMPARE(queue.pendingCount(), 0);
    }

    void runAllRunsEveryJobInOrder() {
        JobQueue queue(QStringLiteral("test"), JobQueue::Policy::RunAll);
        QList<int> delivered;
        for (int i = 0; i < 5; ++i) queue.run<int>([i](const ProgressMonitor&) { return i; }, [&](int, int value) { delivered << value; });
        QCOMPARE(queue.pendingCount(), 5);
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 5, 10000);
        QCOMPARE(delivered, (QList<int>{0, 1, 2, 3, 4}));
    }

    // A job holds the thread while twenty requests arrive: only the newest runs and is delivered.
    void latestWinsUnderABurst() {
        JobQueue queue(QStringLiteral("test"), JobQueue::Policy::LatestWins);
        QSemaphore running, gate;
        std::atomic<int> ran{0};
        QList<int> delivered;
        queue.run<int>(
            [&](const ProgressMonitor&) {
                running.release();
                gate.acquire();  // ignores its cancel flag, like a forward pass
                return -1;
            },
            [&](int, int value) { delivered << value; });
        QVERIFY(running.tryAcquire(1, 10000));
        int last = 0;
        for (int i = 1; i <= 20; ++i)
            last = queue.run<int>(
                [&ran, i](const ProgressMonitor&) {
                    ++ran;
                    return i;
                },
                [&](int, int value) { delivered << value; });
        QCOMPARE(queue.pendingCount(), 1);
        QVERIFY(queue.isPending(last));
        gate.release();
        QTRY_VERIFY_WITH_TIMEOUT(!queue.isPending(last), 10000);
        QCOMPARE(delivered, QList<int>{20});
        QCOMPARE(ran.load(), 1);
    }

    void nothingOfACancelledJobArrivesAfterTheCancel() {
        JobQueue queue(QStringLiteral("test"), JobQueue::Policy::RunAll);
        QSignalSpy progress(&queue, &JobQueue::progress), failed(&queue, &JobQueue::failed);
        std::atomic<bool> started{false}, stopped{false};
        bool delivered = false;
        const int id = queue.run<int>(ReportingUntilCancelled{&started, &stopped}, [&](int, int) { delivered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 10000);  // it reports while wanted
        queue.cancel(id);
        const int reportedBeforeCancel = int(progress.count());
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 10000);
        QVERIFY(drain(queue));
        QCOMPARE(int(progress.count()), reportedBeforeCancel);  // reports posted before the cancel were dropped too
        QVERIFY(!delivered);
        QCOMPARE(failed.count(), 0);
    }

    void aJobThatFailsOnItsWayOutOfACancelSaysNothing() {
        JobQueue queue(QStringLiteral("test"), JobQueue::Policy::RunAll);
        QSignalSpy failed(&queue, &JobQueue::failed);
        std::atomic<bool> started{false}, stopped{false};
        const int id = queue.run<int>(ReportingUntilCancelled{&started, &stopped, "cleanup failed"}, [](int, int) {});
        QTRY_VERIFY_WITH_TIMEOUT(started, 10000);
        queue.cancel(id);
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 10000);
        QVERIFY(drain(queue));
        QCOMPARE(failed.count(), 0);
    }

    void aJobDroppedWhileQueuedNeverStarts() {
        JobQueue queue(QStringLiteral("test"), JobQueue::Policy::RunAll);
        QSemaphore running, gate;
        queue.run<int>(
            [&](const ProgressMonitor&) {
                running.release();
                gate.acquire();
                return 0;
            },
            [](int, int) {});
        QVERIFY(running.tryAcquire(1, 10000));
        std::atomic<bool> ran{false};
        const int queued = queue.run<int>(
            [&ran](const ProgressMonitor&) {
                ran = true;
                return 1;
            },
            [](int, int) {});
        queue.cancel(queued);
        QCOMPARE(queue.pendingCount(), 1);
        gate.release();
        QVERIFY(drain(queue));
        QVERIFY(!ran);
        queue.cancel(12345);  // an unknown id: nothing happens
        QCOMPARE(queue.pendingCount(), 0);
    }

    void underLatestWinsANewRequestStopsTheRunningOneAtItsNextReport() {
        JobQueue queue(QStringLiteral("test"), JobQueue::Policy::LatestWins);
        QSignalSpy failed(&queue, &JobQueue::failed);
        std::atomic<bool> started{false}, stopped{false};
        QList<int> delivered;
        const int first = queue.run<int>(ReportingUntilCancelled{&started, &stopped}, [&](int, int value) { delivered << value; });
        QTRY_VERIFY_WITH_TIMEOUT(started, 10000);
        const int second = queue.run<int>([](const ProgressMonitor&) { return 2; }, [&](int, int value) { delivered << value; });
        QVERIFY(!queue.isPending(first));
        QTRY_VERIFY_WITH_TIMEOUT(!queue.isPending(second), 10000);  // the first gave the thread up
        QVERIFY(stopped);
        QCOMPARE(delivered, QList<int>{2});
        QCOMPARE(failed.count(), 0);
    }

    void aQueueThatGoesAwayStopsAndJoinsItsRunningJob() {
        std::atomic<bool> started{false}, stopped{false};
        bool delivered = false;
        {
            JobQueue queue(QStringLiteral("test"), JobQueue::Policy::RunAll);
            queue.run<int>(ReportingUntilCancelled{&started, &stopped}, [&](int, int) { delivered = true; });
            QTRY_VERIFY_WITH_TIMEOUT(started, 10000);
        }
        QVERIFY(stopped);  // the destructor waited for it
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
    }
};

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_JobQueue.moc"
