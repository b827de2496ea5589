// Axis labels carry the decimals their tick step needs: "5", not "5.000000"; EMA decays near 1 stay distinct.
#include <QtTest>

#include "plots/StepPrecisionTicker.h"

using namespace m2ds;

class TestStepPrecisionTicker : public QObject {
    Q_OBJECT
private slots:
    void decimalsFollowTheStep() {
        QCOMPARE(StepPrecisionTicker::decimalsFor(1.0), 0);
        QCOMPARE(StepPrecisionTicker::decimalsFor(250.0), 0);
        QCOMPARE(StepPrecisionTicker::decimalsFor(0.5), 1);
        QCOMPARE(StepPrecisionTicker::decimalsFor(0.1), 1);
        QCOMPARE(StepPrecisionTicker::decimalsFor(0.00002), 5);
    }

    void labelsOfAWholeNumberRangeHaveNoDecimals() {
        StepPrecisionTicker ticker;
        QVector<double> ticks;
        QVector<QString> labels;
        ticker.generate(QCPRange(0.0, 5.0), QLocale::c(), 'f', 6, ticks, nullptr, &labels);
        QVERIFY(labels.contains("5"));
        for (const QString& label : labels) QVERIFY2(!label.contains('.'), qPrintable(label));
    }

    void labelsOfEmaDecaysStayDistinct() {
        StepPrecisionTicker ticker;
        QVector<double> ticks;
        QVector<QString> labels;
        ticker.generate(QCPRange(0.99990, 1.0), QLocale::c(), 'f', 6, ticks, nullptr, &labels);
        QVERIFY(labels.size() >= 3);
        QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), labels.size());
        for (const QString& label : labels) QVERIFY2(label.size() <= 7, qPrintable(label));  // "0.99995"
    }
};

QTEST_MAIN(TestStepPrecisionTicker)
#include "tst_StepPrecisionTicker.moc"
