#include <QCryptographicHash>
#include <QTemporaryFile>
#include <QtTest>

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
};

QTEST_APPLESS_MAIN(TestSha256)
#include "tst_Sha256.moc"
