// Text from a file is escaped, quoted and shortened before it reaches a message.
#include <QtTest>

#include "common/FileText.h"

using namespace m2ds;

class TestFileText : public QObject {
    Q_OBJECT
private slots:
    void escapesControlCharactersAndInvalidUtf8_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("blocks.0.attn.qkv.weight") << QByteArray("blocks.0.attn.qkv.weight");
        QTest::newRow("terminal escape") << QByteArray("\x1b[2Jx") << QByteArray("\\x1b[2Jx");
        QTest::newRow("newline, tab, backslash") << QByteArray("a\nb\tc\\") << QByteArray("a\\nb\\tc\\");
        QTest::newRow("valid UTF-8 kept") << QByteArray("Mädchen — 学") << QByteArray("Mädchen — 学");
        QTest::newRow("lone continuation byte") << QByteArray("a\x80z") << QByteArray("a\\x80z");
        QTest::newRow("invalid lead byte") << QByteArray("\xff\xfe") << QByteArray("\\xff\\xfe");
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QByteArray("\\xc0\\xaf");
        QTest::newRow("UTF-16 surrogate") << QByteArray("\xed\xa0\x80") << QByteArray("\\xed\\xa0\\x80");
        QTest::newRow("truncated sequence") << QByteArray("\xe5\xad") << QByteArray("\\xe5\\xad");
        QTest::newRow("C1 control") << QByteArray("\xc2\x9b" "31m") << QByteArray("\\xc2\\x9b31m");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
    }
    void escapesControlCharactersAndInvalidUtf8() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        QCOMPARE(QByteArray::fromStdString(FileText::escaped(text.toStdString())), expected);
    }

    void escapingTwiceChangesNothing() {
        const std::string once = FileText::escaped("\x1b[2J\xff\n" + std::string(100, 'x'));
        QCOMPARE(FileText::escaped(once, 200), once);
    }

    void shortensToTheGivenNumberOfCharacters() {
        const std::string long10MB(10 << 20, 'k');
        QCOMPARE(FileText::escaped(long10MB), std::string(80, 'k') + "…");
        QCOMPARE(FileText::quoted("ééé", 2), std::string("'éé…'"));
        QCOMPARE(FileText::quoted("abc", 3), std::string("'abc'"));
    }
};

QTEST_APPLESS_MAIN(TestFileText)
#include "tst_FileText.moc"
