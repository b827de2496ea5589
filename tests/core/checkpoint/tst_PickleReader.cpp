// The restricted unpickler against deep and cyclic structures: nesting past its limit is refused, and so is a container
// changed after it was put into another (a tree nested a million deep through the memo, which an insertion-time count
// would not see) or put into itself (a cycle that shared pointers never free: found by fuzz_pickle).
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

    void memoChainedTreeIsRefused() {
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
        try {
            unpickle(pickle + ".");
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("changes a container that already sits in another one"), error.what());
        }
    }

    void cyclesAreRefused_data() {
        QTest::addColumn<QByteArray>("pickle");
        QTest::newRow("list appended to itself through the memo") << QByteArray("\x80\x02]q\x00h\x00" "a.", 9);
        QTest::newRow("list appended to itself through DUP") << QByteArray("\x80\x02]2a.", 6);
        QTest::newRow("dict holding itself") << QByteArray("\x80\x02}q\x00K\x01h\x00s.", 11);
        QTest::newRow("namespace holding itself") << QByteArray("\x80\x02" "cargparse\nNamespace\n)Rq\x00}K\x01h\x00sb.", 34);
        QTest::newRow("list holding its parent") << QByteArray("\x80\x02]q\x00]q\x01" "a0h\x01h\x00" "a.", 16);
    }
    void cyclesAreRefused() {
        QFETCH(QByteArray, pickle);
        QVERIFY_THROWS_EXCEPTION(InputError, unpickle(pickle.toStdString()));
    }

    void sharedValuesAreRead() {
        // A value referenced twice through the memo (tied weights, one storage for several tensors) is not a cycle.
        const PickleRef root = unpickle(std::string("\x80\x02]q\x00K\x07" "a0}(K\x01h\x00K\x02h\x00u.", 21));
        QCOMPARE(root->describe(), std::string("dict of 2"));
        QCOMPARE(root->entries[0].second, root->entries[1].second);
    }
};

QTEST_APPLESS_MAIN(TestPickleReader)
#include "tst_PickleReader.moc"
