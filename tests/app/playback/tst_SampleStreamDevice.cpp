#include <QtTest>

#include "playback/SampleStreamDevice.h"

using namespace m2ds;

class TestSampleStreamDevice : public QObject {
    Q_OBJECT
private slots:
    void streamsClippedInt16FromTheStartSample() {
        auto data = std::make_shared<RecordingData>();
        data->samples = {0.0f, 0.5f, -0.5f, 1.0f, -1.0f, 2.0f, -3.0f};
        SampleStreamDevice stream(data, 1);
        QVERIFY(stream.open(QIODevice::ReadOnly));
        QCOMPARE(stream.bytesAvailable(), qint64(6 * sizeof(qint16)));
        const QByteArray first = stream.read(4 * sizeof(qint16));
        const QByteArray rest = stream.read(100);
        QCOMPARE(first.size(), int(4 * sizeof(qint16)));
        QCOMPARE(rest.size(), int(2 * sizeof(qint16)));
        const QByteArray all = first + rest;
        const auto* pcm = reinterpret_cast<const qint16*>(all.constData());
        const QList<qint16> expected{16384, -16384, 32767, -32767, 32767, -32767};
        for (int i = 0; i < expected.size(); ++i) QCOMPARE(pcm[i], expected[i]);
        QCOMPARE(stream.bytesAvailable(), qint64(0));
    }
};

QTEST_APPLESS_MAIN(TestSampleStreamDevice)
#include "tst_SampleStreamDevice.moc"
