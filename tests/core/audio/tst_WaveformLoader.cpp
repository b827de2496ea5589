#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <thread>
#include <sndfile.h>

#include "AudioFixtures.h"
#include "TestData.h"
#include "audio/AudioFile.h"
#include "audio/WaveformLoader.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"

using namespace m2ds;

class TestWaveformLoader : public QObject {
    Q_OBJECT
private slots:
    void decodesFormatsToMono16k_data() {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("channels");
        QTest::newRow("wav 16 bit 44.1k stereo") << "wav" << (SF_FORMAT_WAV | SF_FORMAT_PCM_16) << 44100 << 2;
        QTest::newRow("wav float 16k mono") << "wav" << (SF_FORMAT_WAV | SF_FORMAT_FLOAT) << 16000 << 1;
        QTest::newRow("flac 48k 6 channels") << "flac" << (SF_FORMAT_FLAC | SF_FORMAT_PCM_24) << 48000 << 6;
        QTest::newRow("ogg vorbis 22.05k") << "ogg" << (SF_FORMAT_OGG | SF_FORMAT_VORBIS) << 22050 << 1;
        QTest::newRow("opus 48k") << "opus" << (SF_FORMAT_OGG | SF_FORMAT_OPUS) << 48000 << 2;
        QTest::newRow("mp3 44.1k") << "mp3" << (SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III) << 44100 << 2;
    }
    void decodesFormatsToMono16k() {
        QFETCH(QString, suffix);
        QFETCH(int, format);
        QFETCH(int, rate);
        QFETCH(int, channels);
        QTemporaryDir dir;
        const QString path = dir.filePath("tone." + suffix);
        QVERIFY2(test::writeAudio(path, format, rate, channels, test::sine(440.0, 1.5, rate, channels, 0.4)),
                 "libsndfile cannot write this format here");
        std::vector<double> progress;
        const ProgressMonitor monitor([&](double fraction) { progress.push_back(fraction); });
        const Waveform waveform = WaveformLoader().load(path.toStdString(), &monitor);
        QCOMPARE(waveform.sampleRate, 16000);
        QCOMPARE(waveform.resampled, rate != 16000);
        QCOMPARE(waveform.downmixed, channels > 1);
        QCOMPARE(waveform.source.channels, channels);
        QCOMPARE(waveform.source.sampleRate, rate);
        // Lossy codecs add encoder delay/padding (mp3, opus); allow a few tens of milliseconds.
        QVERIFY2(qAbs(waveform.durationSeconds() - 1.5) < 0.08, qPrintable(QString::number(waveform.durationSeconds())));
        const float peak = *std::max_element(waveform.samples.begin(), waveform.samples.end());
        QVERIFY2(peak > 0.35f && peak < 0.45f, qPrintable(QString("peak %1").arg(peak)));  // identical channels average to the tone
        QCOMPARE(progress.back(), 1.0);
    }

    void decodesBytesInMemoryAsTheFile_data() { decodesFormatsToMono16k_data(); }
    void decodesBytesInMemoryAsTheFile() {
        QFETCH(QString, suffix);
        QFETCH(int, format);
        QFETCH(int, rate);
        QFETCH(int, channels);
        QTemporaryDir dir;
        const QString path = dir.filePath("tone." + suffix);
        QVERIFY2(test::writeAudio(path, format, rate, channels, test::sine(440.0, 1.5, rate, channels, 0.4)),
                 "libsndfile cannot write this format here");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        AudioFile memory("memory." + suffix.toStdString(), bytes.toStdString());
        const Waveform fromMemory = WaveformLoader().load(memory);
        QCOMPARE(fromMemory.source.path, "memory." + suffix.toStdString());
        QVERIFY(fromMemory.samples == WaveformLoader().load(path.toStdString()).samples);
    }

    void bytesThatAreNoAudioNameTheirLabel() {
        for (const std::string& bytes : {std::string(), std::string("RIFF\x10\0\0\0WAVEfmt ", 16), std::string(4096, 'x')}) {
            try {
                AudioFile memory("upload.wav", bytes);
                QFAIL("accepted");
            } catch (const InputError& error) {
                QCOMPARE(error.path(), std::string("upload.wav"));
            }
        }
    }

    void aBrokenFileSaysWhyWhileOtherThreadsOpenFiles() {
        // libsndfile keeps a failed open's reason in one global that every other sf_open resets (the workers of a
        // preparation open files at once); the reason must still be the broken file's own.
        QTemporaryDir dir;
        const QString good = dir.filePath("tone.wav"), broken = dir.filePath("broken.wav");
        QVERIFY(test::writeAudio(good, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine(440.0, 0.01, 16000)));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("RIFF? not a wave") > 0);
        file.close();
        std::atomic<bool> done{false};
        std::thread opener([&] {
            while (!done) AudioFile(good.toStdString());
        });
        int wrongReasons = 0;
        for (int attempt = 0; attempt < 2000; ++attempt) {
            try {
                AudioFile(broken.toStdString());
            } catch (const InputError& error) {
                wrongReasons += !QString(error.what()).contains("format not recognised");
            }
        }
        done = true;
        opener.join();
        QCOMPARE(wrongReasons, 0);
    }

    void midiSampleDumpsAreRefused() {
        // libsndfile 1.2's SDS reader prints "Error A : 48" to stdout for each bad byte (found by fuzz_audio).
        QTemporaryDir dir;
        const QString path = dir.filePath("dump.wav");
        QVERIFY(test::writeAudio(path, SF_FORMAT_SDS | SF_FORMAT_PCM_16, 16000, 1, test::sine(440.0, 0.1, 16000)));
        try {
            WaveformLoader().load(path.toStdString());
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("MIDI Sample Dump"), error.what());
        }
    }

    void decodesPackagedRecordings_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("package");
        QTest::addColumn<double>("seconds");
        QTest::newRow("asterisk wav 8 kHz") << "/usr/share/asterisk/sounds/en_US_f_Allison/added.wav"
                                            << "asterisk-core-sounds-en-wav" << 5785 / 8000.0;
        QTest::newRow("klettres ogg 44.1 kHz stereo") << "/usr/share/klettres/ar/alpha/a-01.ogg" << "klettres-data"
                                                      << 124608 / 44100.0;
        QTest::newRow("sonic-pi flac") << "/usr/share/sonic-pi/samples/ambi_choir.flac" << "sonic-pi-samples"
                                       << 69305 / 44100.0;
        QTest::newRow("pocketsphinx wav 16 kHz")
            << "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav"
            << "pocketsphinx-testdata" << 7.1;
    }
    void decodesPackagedRecordings() {
        QFETCH(QString, path);
        QFETCH(QString, package);
        QFETCH(double, seconds);
        M2DS_REQUIRE_RECORDING(path, package);
        const Waveform waveform = WaveformLoader().load(path.toStdString());
        QVERIFY(qAbs(waveform.durationSeconds() - seconds) < 1e-3);
        QVERIFY(std::any_of(waveform.samples.begin(), waveform.samples.end(), [](float s) { return qAbs(s) > 0.01f; }));
    }
};

QTEST_APPLESS_MAIN(TestWaveformLoader)
#include "tst_WaveformLoader.moc"
