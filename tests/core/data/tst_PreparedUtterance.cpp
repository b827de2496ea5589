// Prepared .npz items from a hostile or inconsistent corpus are refused with the file named: negative dimensions,
// a negative valid length, arrays declaring gigabytes (refused before inflating), teachers of different widths.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "common/Errors.h"
#include "common/NpyFile.h"
#include "common/NpzFile.h"
#include "data/PreparedCorpus.h"
#include "data/PreparedUtterance.h"

using namespace m2ds;

namespace {

std::string logMelMember(std::size_t frames) {
    const std::vector<float> values(80 * frames, -4.0f);
    return NpyFile::encode({1, 80, frames}, values.data());
}

std::string teacherMember(std::size_t frames, std::size_t width) {
    const std::vector<float> values(frames * width, 0.25f);
    return NpyFile::encode({1, frames, width}, values.data());
}

/// Rewrites bytes of `path` at the first `from` with `to`.
void patch(const QString& path, const QByteArray& from, const QByteArray& to) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    const int at = bytes.indexOf(from);
    QVERIFY(at >= 0);
    bytes.replace(at, to.size(), to);
    QVERIFY(file.seek(0));
    file.write(bytes);
}

}  // namespace

class TestPreparedUtterance : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void negativeDimensionIsRefused() {
        // Refused: numpy never writes one, and reading "-8" as 8 (what the reader did) makes up an array.
        const QString path = dir_.filePath("negative-dim.npz");
        NpzFile::writeEncoded(path.toStdString(), {{"arr_0", logMelMember(10)}});
        patch(path, "(1, 80, 10)", "(1, -8, 10)");
        expectRefused(path, "negative dimension");
    }

    void negativeValidLengthIsRefused() {
        // Refused: arr_2 counts teacher frames; a negative count turned into 2^64 - 5 frames.
        const QString path = dir_.filePath("negative-valid.npz");
        NpzFile::writeEncoded(path.toStdString(), {{"arr_0", logMelMember(10)}, {"arr_2", NpyFile::encodeInt64Scalar(-5)}});
        expectRefused(path, "arr_2 (valid length) is -5");
    }

    void gigabytesDeclaredAreRefusedBeforeInflating() {
        const QString path = dir_.filePath("declared.npz");
        NpzFile::writeEncoded(path.toStdString(), {{"arr_0", logMelMember(10)}});
        // The central directory now says: deflated, 0xf0000000 bytes once inflated.
        QByteArray entry("PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00", 12), declared = entry;
        declared[10] = 8;
        patch(path, entry, declared);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const QByteArray bytes = file.readAll();
        QVERIFY(file.seek(bytes.indexOf(declared) + 24));
        file.write(QByteArray("\x00\x00\x00\xf0", 4));
        file.close();
        expectRefused(path, "refused before inflating");
    }

    void teachersOfAnotherWidthAreRefused() {
        std::vector<std::string> files;
        for (const std::size_t width : {40, 40, 24}) {
            files.push_back(dir_.filePath(QString("teacher-%1-%2.npz").arg(files.size()).arg(width)).toStdString());
            NpzFile::writeEncoded(files.back(), {{"arr_0", logMelMember(20)}, {"arr_1", teacherMember(10, width)}});
        }
        const PreparedCorpus speech(files);
        QCOMPARE(speech.load(1)->teacherDim(), std::size_t{40});
        try {
            speech.load(2);
            QFAIL("accepted");
        } catch (const InputError& error) {
            QCOMPARE(error.path(), files[2]);
            QVERIFY2(QString(error.what()).contains("are 24 wide, those of the set's first file " + QString::fromStdString(files[0]) + " 40"),
                     error.what());
        }
        const PreparedCorpus noise(files, 80, std::size_t{1} << 30, /*teachers=*/false);  // noise teachers are never used
        QCOMPARE(noise.load(2)->teacherDim(), std::size_t{24});
    }

private:
    void expectRefused(const QString& path, const QString& reason) {
        try {
            PreparedUtteranceFile::read(path.toStdString());
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).startsWith(path), error.what());
            QVERIFY2(QString(error.what()).contains(reason), error.what());
        }
    }

    QTemporaryDir dir_;
};

QTEST_APPLESS_MAIN(TestPreparedUtterance)
#include "tst_PreparedUtterance.moc"
