#include <QtTest>
#include <random>

#include "views/MinMaxPyramid.h"

using namespace m2ds;

class TestMinMaxPyramid : public QObject {
    Q_OBJECT
private slots:
    void matchesBruteForceOnEveryScale_data() {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("columns");
        QTest::newRow("fewer samples than columns") << 50 << 200;
        QTest::newRow("one level") << 3000 << 100;
        QTest::newRow("several levels") << 1000003 << 777;
    }
    void matchesBruteForceOnEveryScale() {
        QFETCH(int, length);
        QFETCH(int, columns);
        std::mt19937 generator(3);
        std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
        std::vector<float> rows(2 * std::size_t(length));
        for (float& value : rows) value = uniform(generator);
        const MinMaxPyramid pyramid(rows.data(), 2, length);
        std::vector<MinMaxPyramid::Range> ranges(columns);
        for (int row = 0; row < 2; ++row) {
            pyramid.reduce(row, 0.0, length, columns, ranges.data());
            const float* data = rows.data() + std::size_t(row) * length;
            const double step = double(length) / columns;
            for (int c = 0; c < columns; ++c) {
                // Exact bounds of the slice, and bounds grown by the coarsest block a slice may round to.
                const auto begin = std::size_t(std::floor(c * step));
                const auto end = std::max(begin + 1, std::size_t(std::ceil((c + 1) * step)));
                const auto [low, high] = std::minmax_element(data + begin, data + std::min<std::size_t>(end, length));
                QVERIFY(ranges[c].min <= *low && ranges[c].max >= *high);
                const std::size_t slack = std::size_t(step);
                const auto [wideLow, wideHigh] = std::minmax_element(data + (begin > slack ? begin - slack : 0),
                                                                     data + std::min<std::size_t>(end + slack, length));
                QVERIFY(ranges[c].min >= *wideLow && ranges[c].max <= *wideHigh);
            }
        }
    }

    void subRangeOfOneSampleTakesThatSample() {
        const std::vector<float> data{0.0f, 1.0f, 2.0f, 3.0f};
        const MinMaxPyramid pyramid(data.data(), 1, data.size());
        MinMaxPyramid::Range ranges[4];
        pyramid.reduce(0, 1.0, 2.0, 4, ranges);
        for (const auto& range : ranges) QCOMPARE(range.max, 1.0f);
    }
};

QTEST_APPLESS_MAIN(TestMinMaxPyramid)
#include "tst_MinMaxPyramid.moc"
