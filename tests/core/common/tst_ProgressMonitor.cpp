#include <QtTest>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"

using namespace m2ds;

class TestProgressMonitor : public QObject {
    Q_OBJECT
private slots:
    void sliceMapsOntoTheParentRange() {
        std::vector<double> seen;
        ProgressMonitor monitor([&](double fraction) { seen.push_back(fraction); });
        const ProgressMonitor second = monitor.slice(0.5, 1.0);
        second.report(0.0);
        second.report(0.5);
        second.slice(0.0, 0.5).report(1.0);
        QCOMPARE(seen, (std::vector<double>{0.5, 0.75, 0.75}));
    }

    void cancelReachesSlicesAndThrows() {
        ProgressMonitor monitor;
        const ProgressMonitor part = monitor.slice(0.2, 0.4);
        part.report(0.5);
        monitor.cancel();
        QVERIFY(part.isCancelled());
        QVERIFY_THROWS_EXCEPTION(CancelledError, part.report(0.6));
    }

    void withCallbackSharesTheCancelFlag() {
        ProgressMonitor handle;
        double last = -1.0;
        const ProgressMonitor observed = handle.withCallback([&](double fraction) { last = fraction; });
        observed.report(0.25);
        QCOMPARE(last, 0.25);
        handle.cancel();
        QVERIFY(observed.isCancelled());
    }
};

QTEST_APPLESS_MAIN(TestProgressMonitor)
#include "tst_ProgressMonitor.moc"
