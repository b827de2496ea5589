// Numbers from JSON into C++ numbers: what a target holds is read as nlohmann reads it, what it cannot hold (a float
// cast that would be undefined behaviour, an integer that would wrap) is nlohmann's out_of_range (found by fuzzing).
#include <QtTest>

#include "common/JsonNumbers.h"

using namespace m2ds;
using nlohmann::json;

class TestJsonNumbers : public QObject {
    Q_OBJECT
private slots:
    void numbersThatFitAreRead() {
        int small = 0;
        JsonNumbers::getTo(json(768), small);
        QCOMPARE(small, 768);
        JsonNumbers::getTo(json(80.9), small);  // the fraction dropped, as nlohmann does
        QCOMPARE(small, 80);
        JsonNumbers::getTo(json(-2147483648.0), small);
        QCOMPARE(small, -2147483647 - 1);
        std::uint64_t seed = 0;
        JsonNumbers::getTo(json::parse("18446744073709551615"), seed);
        QCOMPARE(seed, std::numeric_limits<std::uint64_t>::max());
        float std = 0;
        JsonNumbers::getTo(json(4.2), std);
        QCOMPARE(std, 4.2f);
        std::vector<int> sizes;
        JsonNumbers::getTo(json::parse("[512, 512.0, 3]"), sizes);
        QCOMPARE(sizes, (std::vector<int>{512, 512, 3}));
        QCOMPARE(JsonNumbers::valueOr(json::parse(R"({"depth": 4})"), "depth", 12), 4);
        QCOMPARE(JsonNumbers::valueOr(json::parse(R"({"depth": 4})"), "heads", 12), 12);
    }

    void numbersThatDoNotFitAreRefused_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("1e300") << "1e300";
        QTest::newRow("2^31 as a float") << "2147483648.0";
        QTest::newRow("2^32 + 768 (wraps to 768)") << "4294968064";
        QTest::newRow("-2^63") << "-9223372036854775808";
        QTest::newRow("inside a list") << "[16, 1e19]";
    }
    void numbersThatDoNotFitAreRefused() {
        QFETCH(QString, text);
        const json value = json::parse(text.toStdString());
        if (value.is_array()) {
            std::vector<int> sizes;
            QVERIFY_THROWS_EXCEPTION(json::out_of_range, JsonNumbers::getTo(value, sizes));
        } else {
            int size = 0;
            QVERIFY_THROWS_EXCEPTION(json::out_of_range, JsonNumbers::getTo(value, size));
        }
    }

    void floatAndUnsignedRangesAreChecked() {
        float real = 0;
        QVERIFY_THROWS_EXCEPTION(json::out_of_range, JsonNumbers::getTo(json(1e300), real));
        std::uint64_t unsignedValue = 0;
        QVERIFY_THROWS_EXCEPTION(json::out_of_range, JsonNumbers::getTo(json(-1), unsignedValue));
        QVERIFY_THROWS_EXCEPTION(json::out_of_range, JsonNumbers::getTo(json(-1.5), unsignedValue));
    }

    void otherTypesAreNlohmannsTypeErrors() {
        int size = 0;
        QVERIFY_THROWS_EXCEPTION(json::type_error, JsonNumbers::getTo(json("80"), size));
        QVERIFY_THROWS_EXCEPTION(json::type_error, JsonNumbers::valueOr(json::parse("[1]"), "depth", 12));
        std::vector<int> sizes;
        QVERIFY_THROWS_EXCEPTION(json::type_error, JsonNumbers::getTo(json(3), sizes));
    }
};

QTEST_APPLESS_MAIN(TestJsonNumbers)
#include "tst_JsonNumbers.moc"
