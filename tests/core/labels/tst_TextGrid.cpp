// Praat TextGrids as users bring them (Montreal Forced Aligner writes the long text format; Praat can also save the
// short format and UTF-16), read back what we write, and clear errors naming the file for broken ones.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "common/Errors.h"
#include "labels/TextGrid.h"

using namespace m2ds;

namespace {

const char* kLongFormat = R"(File type = "ooTextFile"
Object class = "TextGrid"

xmin = 0
xmax = 1.5
tiers? <exists>
size = 2
item []:
    item [1]:
        class = "IntervalTier"
        name = "words"
        xmin = 0
        xmax = 1.5
        intervals: size = 2
        intervals [1]:
            xmin = 0
            xmax = 0.7
            text = "hello"
        intervals [2]:
            xmin = 0.7
            xmax = 1.5
            text = "say ""hi"""
    item [2]:
        class = "IntervalTier"
        name = "phones"
        xmin = 0
        xmax = 1.5
        intervals: size = 3
        intervals [1]:
            xmin = 0
            xmax = 0.2
            text = ""
        intervals [2]:
            xmin = 0.2
            xmax = 0.9
            text = "HH"
        intervals [3]:
            xmin = 0.9
            xmax = 1.5
            text = "AY1"
)";

const char* kShortFormat = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n0\n2\n<exists>\n2\n\"IntervalTier\"\n\"phones\"\n0\n2\n2\n"
                           "0\n1.25\n\"a\"\n1.25\n2\n\"b\"\n\"TextTier\"\n\"events\"\n0\n2\n1\n0.5\n\"click\"\n";

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
    return path;
}

void expectError(const QString& path, const QString& fragment) {
    try {
        TextGrid::read(path.toStdString());
        QFAIL("no error");
    } catch (const InputError& error) {
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.contains(path) && message.contains(fragment), qPrintable(message));
    }
}

}  // namespace

class TestTextGrid : public QObject {
    Q_OBJECT
private slots:
    void readsTheLongFormatMfaWrites() {
        QTemporaryDir dir;
        const auto tiers = TextGrid::read(write(dir, "a.TextGrid", kLongFormat).toStdString());
        QCOMPARE(tiers.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(tiers[0].name), QString("words"));
        QCOMPARE(QString::fromStdString(tiers[0].items[1].label), QString("say \"hi\""));
        QCOMPARE(tiers[1].items.size(), std::size_t(3));
        QCOMPARE(tiers[1].items[2].start, 0.9);
        QCOMPARE(QString::fromStdString(tiers[1].items[2].label), QString("AY1"));
        const auto phones = TextGrid::readIntervalTier(dir.filePath("a.TextGrid").toStdString(), "phones");
        QCOMPARE(phones.items[1].end, 0.9);
    }

    void readsTheShortFormatAndPointTiers() {
        QTemporaryDir dir;
        const auto tiers = TextGrid::read(write(dir, "s.TextGrid", kShortFormat).toStdString());
        QCOMPARE(tiers.size(), std::size_t(2));
        QCOMPARE(tiers[0].items[0].end, 1.25);
        QVERIFY(!tiers[1].intervals);
        QCOMPARE(tiers[1].items[0].start, 0.5);
        QCOMPARE(QString::fromStdString(tiers[1].items[0].label), QString("click"));
    }

    void readsUtf16() {
        QTemporaryDir dir;
        QByteArray utf16("\xFF\xFE", 2);
        const QString text = QString::fromUtf8(kShortFormat).replace("\"a\"", "\"é\"");
        utf16.append(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
        const auto tiers = TextGrid::read(write(dir, "u.TextGrid", utf16).toStdString());
        QCOMPARE(QString::fromStdString(tiers[0].items[0].label), QString("é"));
    }

    void decodesBytesInMemory() {
        const auto tiers = TextGrid::decode("upload.TextGrid", kShortFormat);
        QCOMPARE(tiers.size(), std::size_t(2));
        QCOMPARE(tiers[0].items[1].label, std::string("b"));
        try {
            TextGrid::decode("upload.TextGrid", std::string(kShortFormat).substr(0, 80));
            QFAIL("a truncated TextGrid was read");
        } catch (const InputError& error) {
            QCOMPARE(error.path(), std::string("upload.TextGrid"));
        }
    }

    void fileTextInErrorsIsEscaped() {
        // What the file holds where a number belongs comes back escaped and short (found by fuzz_textgrid).
        const std::string hostile = std::string(kShortFormat).replace(std::string(kShortFormat).find("<exists>\n2\n"), 10,
                                                                        "<exists>\n\"\x1b[2J\n" + std::string(5000, 'x') + "\"\n");
        try {
            TextGrid::decode("upload.TextGrid", hostile);
            QFAIL("accepted");
        } catch (const InputError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains("tier count") && message.contains("\\x1b[2J\\n") && !message.contains('\n') &&
                         !message.contains('\x1b') && message.size() < 300,
                     qPrintable(message));
        }
    }

    void writtenTiersReadBack() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.TextGrid").toStdString();
        const std::vector<LabelledSegment> segments{{0.0, 0.02, "17"}, {0.02, 0.1, "3"}, {0.1, 0.5, "q\"uote"}};
        TextGrid::writeIntervalTier(path, "clusters", segments, 0.0, 0.5);
        const auto tier = TextGrid::readIntervalTier(path, "clusters");
        QCOMPARE(tier.items.size(), segments.size());
        for (std::size_t i = 0; i < segments.size(); ++i) {
            QCOMPARE(tier.items[i].start, segments[i].start);
            QCOMPARE(tier.items[i].end, segments[i].end);
            QCOMPARE(tier.items[i].label, segments[i].label);
        }
    }

    void brokenFilesAreClearErrors() {
        QTemporaryDir dir;
        expectError(write(dir, "notgrid.TextGrid", "hello world\n"), "ooTextFile");
        expectError(write(dir, "truncated.TextGrid", QByteArray(kLongFormat).left(400)), "ends before");
        expectError(write(dir, "badnumber.TextGrid", QByteArray(kShortFormat).replace("1.25\n\"a\"", "x1\n\"a\"")), "number");
        expectError(write(dir, "backwards.TextGrid", QByteArray(kShortFormat).replace("0\n1.25\n\"a\"", "1.5\n1.25\n\"a\"")), "ends before it starts");
        try {
            TextGrid::readIntervalTier(dir.filePath("s.TextGrid").toStdString(), "phones");
            QFAIL("a missing file was read");
        } catch (const InputError&) {
        }
        write(dir, "s.TextGrid", kShortFormat);
        try {
            TextGrid::readIntervalTier(dir.filePath("s.TextGrid").toStdString(), "words");
            QFAIL("no error for a missing tier");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("\"phones\""), error.what());  // lists the tiers there are
        }
    }
};

QTEST_GUILESS_MAIN(TestTextGrid)
#include "tst_TextGrid.moc"
