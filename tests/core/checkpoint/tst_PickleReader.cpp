// The restricted unpickler against deep structures: nesting past its limit is refused, and a tree nested a million
// deep through the memo (which no insertion-time count sees) is freed without recursion.
#include <QtTest>

#include "checkpoint/PickleReader.h"
#include "common/Errors.h"

using namespace m2ds;

namespace {

PickleRef unpickle(const std::string& bytes) { return PickleReader(bytes.data(), bytes.size(), "test.pkl").read(); }

/// Lists nested `depth` deep: ] × depth, then APPEND × (depth − 1).
std::string nestedLists(std::size_t depth) { return "\x80\x02" + std::string(depth, ']') + std::string(depth - 1, 'a') + "."; }

void appendIndex(std::string& out, std::uint32_t index) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((index >> (8 * i)) & 0xff);
}

}  // namespace

class TestPickleReader : public QObject {
    Q_OBJECT
private slots:
    void nestingUpToTheLimitIsRead() { QCOMPARE(unpickle(nestedLists(100))->depth, std::size_t{100}); }

    void deeperNestingIsRefused_data() {
        QTest::addColumn<int>("depth");
        QTest::newRow("101") << 101;
        QTest::newRow("10^6") << 1000000;
    }
    void deeperNestingIsRefused() {
        QFETCH(int, depth);
        try {
            unpickle(nestedLists(static_cast<std::size_t>(depth)));
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).startsWith("test.pkl: pickle byte ") && QString(error.what()).contains("nested more than 100 deep"),
                     error.what());
        }
    }

    void memoChainedTreeIsFreedIteratively() {
        std::string pickle = "\x80\x02]r";
        appendIndex(pickle, 0);
        for (std::uint32_t k = 1; k <= 1000000; ++k) {  // L(k) = [], appended to L(k-1) through the memo
            pickle += "]r";
            appendIndex(pickle, k);
            pickle += "0j";
            appendIndex(pickle, k - 1);
            pickle += "j";
            appendIndex(pickle, k);
            pickle += "a0";
        }
        PickleRef root = unpickle(pickle + ".");
        QCOMPARE(root->describe(), std::string("list of 1"));
        root.reset();  // a recursive destructor overflows the stack here
    }
};

QTEST_APPLESS_MAIN(TestPickleReader)
#include "tst_PickleReader.moc"
