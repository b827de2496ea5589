// The zip central directory read before any member is touched: plain and zip64 end records, duplicate names, and
// directories that point outside the file; from a file or from memory.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "common/Errors.h"
#include "common/NpyFile.h"
#include "common/NpzFile.h"
#include "common/ZipDirectory.h"

using namespace m2ds;

namespace {

void appendLittle(std::string& out, std::uint64_t value, int width) {
    for (int i = 0; i < width; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

std::string readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return file.readAll().toStdString();
}

void writeAll(const QString& path, const std::string& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes.data(), static_cast<qint64>(bytes.size()));
}

}  // namespace

class TestZipDirectory : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        plain_ = dir_.filePath("plain.npz");
        const float values[3] = {1, 2, 3};
        NpzFile::writeEncoded(plain_.toStdString(), {{"arr_0", NpyFile::encode({3}, values)}, {"arr_1", NpyFile::encodeInt64Scalar(7)}});
    }

    void readsThePlainEndRecord() {
        const ZipDirectory directory(plain_.toStdString());
        QCOMPARE(directory.entries().size(), std::size_t{2});
        QCOMPARE(directory.entries()[1].name, std::string("arr_1.npy"));
        QVERIFY(directory.find("arr_0.npy") && !directory.find("arr_2.npy"));
        QCOMPARE(directory.duplicateName(), std::string());
        const ZipDirectory::Entry& first = *directory.find("arr_0.npy");
        QCOMPARE(readAll(plain_).substr(directory.dataOffset(first), first.size), NpyFile::encode({3}, std::vector<float>{1, 2, 3}.data()));
    }

    void readsTheSameFromMemory() {
        const std::string bytes = readAll(plain_);
        const ZipDirectory directory("upload.npz", bytes);
        QCOMPARE(directory.entries().size(), std::size_t{2});
        QCOMPARE(directory.storedBytes(*directory.find("arr_1.npy")), NpyFile::encodeInt64Scalar(7));
        const NpzFile::Arrays fromMemory = NpzFile::decode("upload.npz", bytes), fromFile = NpzFile::read(plain_.toStdString());
        QCOMPARE(fromMemory.size(), fromFile.size());
        for (std::size_t i = 0; i < fromFile.size(); ++i) {
            QCOMPARE(fromMemory[i].first, fromFile[i].first);
            QVERIFY(fromMemory[i].second.values == fromFile[i].second.values);
        }
        try {
            NpzFile::decode("upload.npz", bytes.substr(0, bytes.size() - 1));
            QFAIL("a cut end record was accepted");
        } catch (const InputError& error) {
            QCOMPARE(error.path(), std::string("upload.npz"));
        }
    }

    void readsTheZip64EndRecord() {
        // The plain end record saying "see zip64" (0xffff entries, 0xffffffff size and offset) after a zip64 record.
        std::string bytes = readAll(plain_);
        const std::size_t end = bytes.rfind(std::string("PK\x05\x06", 4));
        const std::string original = bytes.substr(end);
        bytes.resize(end);
        const std::uint64_t record = bytes.size();
        appendLittle(bytes, 0x06064b50, 4);
        appendLittle(bytes, 44, 8);
        appendLittle(bytes, 45, 2);
        appendLittle(bytes, 45, 2);
        appendLittle(bytes, 0, 8);
        const auto plainField = [&original](std::size_t at, int width) {
            std::uint64_t value = 0;
            for (int i = 0; i < width; ++i) value |= static_cast<std::uint64_t>(static_cast<unsigned char>(original[at + i])) << (8 * i);
            return value;
        };
        appendLittle(bytes, plainField(10, 2), 8);  // entries on this disk, entries in all
        appendLittle(bytes, plainField(10, 2), 8);
        appendLittle(bytes, plainField(12, 4), 8);  // directory size and offset
        appendLittle(bytes, plainField(16, 4), 8);
        appendLittle(bytes, 0x07064b50, 4);
        appendLittle(bytes, 0, 4);
        appendLittle(bytes, record, 8);
        appendLittle(bytes, 1, 4);
        bytes += ZipDirectory::endRecordBytes(0xffff, 0xffffffffu, 0xffffffffu);
        const QString path = dir_.filePath("zip64.npz");
        writeAll(path, bytes);
        QCOMPARE(ZipDirectory(path.toStdString()).entries().size(), std::size_t{2});
        QCOMPARE(NpzFile::read(path.toStdString()).size(), std::size_t{2});
    }

    void findsDuplicateNames() {
        const QString path = dir_.filePath("twice.npz");
        const float value = 1;
        NpzFile::writeEncoded(path.toStdString(), {{"a", NpyFile::encode({1}, &value)}, {"a", NpyFile::encode({1}, &value)}});
        QCOMPARE(ZipDirectory(path.toStdString()).duplicateName(), std::string("a.npy"));
    }

    void refusesDirectoriesOutsideTheFile_data() {
        QTest::addColumn<int>("field");  // byte of the end record set to 0x7f
        QTest::newRow("directory offset") << 19;
        QTest::newRow("directory size") << 15;
        QTest::newRow("entry count") << 11;
    }
    void refusesDirectoriesOutsideTheFile() {
        QFETCH(int, field);
        std::string bytes = readAll(plain_);
        bytes[bytes.rfind(std::string("PK\x05\x06", 4)) + static_cast<std::size_t>(field)] = '\x7f';
        const QString path = dir_.filePath("outside.npz");
        writeAll(path, bytes);
        QVERIFY_THROWS_EXCEPTION(InputError, ZipDirectory(path.toStdString()));
    }

    void refusesWhatIsNotAZip() {
        const QString path = dir_.filePath("text.npz");
        writeAll(path, std::string(100, 'x'));
        QVERIFY_THROWS_EXCEPTION(InputError, ZipDirectory(path.toStdString()));
    }

private:
    QTemporaryDir dir_;
    QString plain_;
};

QTEST_APPLESS_MAIN(TestZipDirectory)
#include "tst_ZipDirectory.moc"
