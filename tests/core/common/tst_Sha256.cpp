// SHA-256 against known digests and Qt's, of bytes and of files; a file's hash is remembered until it changes.
#include <QCryptographicHash>
#include <QTemporaryFile>
#include <QtTest>
#include <chrono>
#include <filesystem>

#include "common/Errors.h"
#include "common/Sha256.h"

class TestSha256 : public QObject {
    Q_OBJECT
private slots:
    void matchesKnownDigestsAndQt() {
        QCOMPARE(QString::fromStdString(m2ds::sha256("")), QString("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(QString::fromStdString(m2ds::sha256("abc")), QString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QByteArray data;
        for (int i = 0; i < 3'000'017; ++i) data.append(char(i * 7 + 3));
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(data);
        file.flush();
        QCOMPARE(QString::fromStdString(m2ds::sha256OfFile(file.fileName().toStdString())),
                 QString(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
    }

    // Remembered per version of the file (path, size, modification time): a rewrite of the same size is hashed anew,
    // whether its time moved on or it came just after (a fresh file is never remembered: coarse file times).
    void aChangedFileIsHashedAgain() {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("first version");
        file.flush();
        const std::string path = file.fileName().toStdString();
        const auto settled = std::filesystem::last_write_time(path) - std::chrono::seconds(10);
        std::filesystem::last_write_time(path, settled);
        QCOMPARE(QString::fromStdString(m2ds::sha256OfFile(path)), QString::fromStdString(m2ds::sha256("first version")));
        QVERIFY(file.seek(0));
        file.write("other version");  // the same size
        file.flush();
        QCOMPARE(QString::fromStdString(m2ds::sha256OfFile(path)), QString::fromStdString(m2ds::sha256("other version")));
        std::filesystem::last_write_time(path, settled + std::chrono::seconds(1));
        QCOMPARE(QString::fromStdString(m2ds::sha256OfFile(path)), QString::fromStdString(m2ds::sha256("other version")));
        QVERIFY(file.seek(0));
        file.write("first version");
        file.flush();
        std::filesystem::last_write_time(path, settled + std::chrono::seconds(2));
        QCOMPARE(QString::fromStdString(m2ds::sha256OfFile(path)), QString::fromStdString(m2ds::sha256("first version")));
        QVERIFY_THROWS_EXCEPTION(m2ds::InputError, m2ds::sha256OfFile(path + ".absent"));
    }
};

QTEST_APPLESS_MAIN(TestSha256)
#include "tst_Sha256.moc"
