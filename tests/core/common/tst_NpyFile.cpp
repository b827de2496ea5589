#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sys/resource.h>

#include "common/Errors.h"
#include "common/NpyFile.h"

using namespace m2ds;

class TestNpyFile : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsShapeAndValues() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.npy").toStdString();
        const std::vector<float> values{1.5f, -2.0f, 3.25f, 0.0f, 1e-7f, -15.9f};
        NpyFile::writeFloat32(path, {2, 3}, values.data());
        const FloatArray read = NpyFile::readFloat32(path);
        QCOMPARE(read.shape, (std::vector<std::size_t>{2, 3}));
        QCOMPARE(read.values, values);
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.size() % 64, qint64(6 * sizeof(float)) % 64);  // header padded to 64 bytes
    }

    void rejectsNonNpyAndTruncatedFiles() {
        QTemporaryDir dir;
        QFile text(dir.filePath("text.npy"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not numpy at all");
        text.close();
        QVERIFY_THROWS_EXCEPTION(InputError, NpyFile::readFloat32(text.fileName().toStdString()));

        const std::vector<float> values(100, 1.0f);
        const std::string path = dir.filePath("big.npy").toStdString();
        NpyFile::writeFloat32(path, {10, 10}, values.data());
        QVERIFY(QFile::resize(QString::fromStdString(path), 200));
        try {
            NpyFile::readFloat32(path);
            QFAIL("a truncated file was accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("truncated"), error.what());
        }
    }

    void unwritableDirectoryNamesTheTarget() {
        const float value = 1.0f;
        try {
            NpyFile::writeFloat32("/nonexistent-dir/out.npy", {1}, &value);
            QFAIL("writing into a missing directory succeeded");
        } catch (const OutputError& error) {
            QVERIFY2(QString(error.what()).contains("/nonexistent-dir/out.npy"), error.what());
        }
    }

    // A full disk is simulated with a file-size limit: writes past it fail with EFBIG like ENOSPC would.
    void fullDiskLeavesThePreviousFileAndNoLeftovers() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("keep.npy").toStdString();
        const std::vector<float> small{7.0f};
        NpyFile::writeFloat32(path, {1}, small.data());

        std::signal(SIGXFSZ, SIG_IGN);
        rlimit previous{};
        getrlimit(RLIMIT_FSIZE, &previous);
        rlimit limited = previous;
        limited.rlim_cur = 4096;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
        const std::vector<float> large(100000, 1.0f);
        bool threw = false;
        try {
            NpyFile::writeFloat32(path, {large.size()}, large.data());
        } catch (const OutputError& error) {
            threw = QString(error.what()).contains("nothing was written");
        }
        setrlimit(RLIMIT_FSIZE, &previous);
        QVERIFY(threw);
        QCOMPARE(NpyFile::readFloat32(path).values, small);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"keep.npy"});
    }

    void hostileHeadersAreRefusedWithoutRecursion_data() {
        QTest::addColumn<QByteArray>("shape");
        QTest::addColumn<QString>("reason");  // empty: accepted
        QTest::newRow("a megabyte of spaces") << QByteArray("(1,") + QByteArray(900000, ' ') + ")" << "";
        QTest::newRow("negative") << QByteArray("(1, -80, 10)") << "negative dimension";
        QTest::newRow("not integers") << QByteArray("(1, 8e1)") << "is not a tuple of integers";
        QTest::newRow("overflowing") << QByteArray("(4294967296, 4294967296, 4294967296)") << "more elements than any file holds";
        QTest::newRow("30 digits") << QByteArray("(123456789012345678901234567890,)") << "more elements than any file holds";
    }
    void hostileHeadersAreRefusedWithoutRecursion() {
        QFETCH(QByteArray, shape);
        QFETCH(QString, reason);
        const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape.toStdString() + ", }\n";
        std::string bytes = std::string("\x93NUMPY\x02\x00", 8);
        for (int i = 0; i < 4; ++i) bytes += static_cast<char>((dict.size() >> (8 * i)) & 0xff);
        bytes += dict + std::string(4, '\0');
        try {
            QCOMPARE(NpyFile::decode("hostile.npy", bytes).values.size(), std::size_t{1});
            QVERIFY2(reason.isEmpty(), "accepted");
        } catch (const InputError& error) {
            QVERIFY2(!reason.isEmpty() && QString(error.what()).startsWith("hostile.npy: ") && QString(error.what()).contains(reason), error.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestNpyFile)
#include "tst_NpyFile.moc"
