// TensorBoard event files: CRC-32C against its published check value, TFRecord framing (length, masked CRCs) of
// every record, the file_version record first, one record per scalar with its tag. (That TensorBoard's protobufs
// decode it is checked in Python: tests/golden/tensorboard/check_event_file.py, run by tst_m2dsTrain.)
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>

#include "tensorboard/Crc32c.h"
#include "tensorboard/TensorBoardWriter.h"

using namespace m2ds;

namespace {

std::uint64_t readLittleEndian(const QByteArray& bytes, int offset, int size) {
    std::uint64_t value = 0;
    for (int i = 0; i < size; ++i) value |= std::uint64_t(std::uint8_t(bytes[offset + i])) << (8 * i);
    return value;
}

/// The records' payloads, each framing checked.
QList<QByteArray> records(const QByteArray& file) {
    QList<QByteArray> payloads;
    for (int at = 0; at < file.size();) {
        const std::uint64_t length = readLittleEndian(file, at, 8);
        if (Crc32c::masked(Crc32c::of(file.constData() + at, 8)) != readLittleEndian(file, at + 8, 4)) return {};
        const QByteArray data = file.mid(at + 12, int(length));
        if (Crc32c::masked(Crc32c::of(data.constData(), std::size_t(data.size()))) != readLittleEndian(file, at + 12 + int(length), 4)) return {};
        payloads << data;
        at += 16 + int(length);
    }
    return payloads;
}

}  // namespace

class TestTensorBoardWriter : public QObject {
    Q_OBJECT
private slots:
    void crc32cMatchesItsCheckValue() {
        QCOMPARE(Crc32c::of("123456789", 9), std::uint32_t(0xE3069283));
        QCOMPARE(Crc32c::of("", 0), std::uint32_t(0));
        QCOMPARE(Crc32c::masked(0), std::uint32_t(0xa282ead8));
    }

    void recordsAreFramedAndTagged() {
        QTemporaryDir dir;
        std::string path;
        {
            TensorBoardWriter writer(dir.path().toStdString());
            path = writer.path();
            writer.add("train_loss", 2.5f, 0);
            writer.add("lr", 1e-4f, 1000);
        }
        QVERIFY2(QString::fromStdString(path).contains("events.out.tfevents."), path.c_str());
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> payloads = records(file.readAll());
        QCOMPARE(payloads.size(), 3);
        QVERIFY(payloads[0].contains("brain.Event:2"));
        QVERIFY(payloads[1].contains("train_loss"));
        float value = 0.0f;  // simple_value: field 2, fixed32 (tag byte 0x15), right after the tag string
        const int at = payloads[1].indexOf("train_loss") + int(std::strlen("train_loss"));
        QCOMPARE(std::uint8_t(payloads[1][at]), std::uint8_t(0x15));
        std::memcpy(&value, payloads[1].constData() + at + 1, 4);
        QCOMPARE(value, 2.5f);
        QVERIFY(payloads[2].contains("lr"));
    }

    void anUnwritableFolderIsAClearError() {
        try {
            TensorBoardWriter writer("/proc/no-such-folder");
            QFAIL("no error");
        } catch (const std::exception& error) {
            QVERIFY2(QString(error.what()).contains("/proc/no-such-folder"), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTensorBoardWriter)
#include "tst_TensorBoardWriter.moc"
