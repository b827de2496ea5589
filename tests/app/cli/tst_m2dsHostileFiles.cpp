// Hostile files against the real `m2ds` (issue 13, item 3): each ends in exit 1 and one stderr line naming the file
// (or a success where the file is harmless), within a wall-clock guard and a 2 GB address-space limit, never a crash,
// an "internal error", a library's backtrace or raw bytes from the file. Every file is built here, byte by byte.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <sndfile.h>
#include <sys/resource.h>
#include <zlib.h>

#include "AudioFixtures.h"
#include "ModelFixtures.h"
#include "checkpoint/CheckpointExporter.h"
#include "checkpoint/CheckpointImporter.h"
#include "common/NpyFile.h"
#include "common/ZipDirectory.h"

using namespace m2ds;

namespace {

struct Run {
    bool finished;
    int exitCode;
    QString out;
    QString err;
};

/// Runs m2ds with at most 2 GB of address space (a blow-up then fails fast instead of eating the machine) and a
/// generous 30 s guard. Under AddressSanitizer, whose shadow memory alone reserves terabytes of address space, the
/// bound is the sanitizer's limit of 2 GB resident instead.
Run m2dsRun(const QStringList& arguments) {
    QProcess process;
#ifdef __SANITIZE_ADDRESS__
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("ASAN_OPTIONS", environment.value("ASAN_OPTIONS") + ":hard_rss_limit_mb=2000");
    process.setProcessEnvironment(environment);
#else
    process.setChildProcessModifier([] {
        const rlimit limit{2000000000, 2000000000};
        setrlimit(RLIMIT_AS, &limit);
    });
#endif
    process.start(QStringLiteral(M2DS_EXECUTABLE), arguments);
    const bool finished = process.waitForFinished(30000);
    if (!finished) process.kill(), process.waitForFinished();
    return {finished, process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

/// The last stderr line must be the error: "m2ds <command>: <file>: <reason>", and nothing a user should not see.
bool refusedNaming(const Run& run, const QString& file, QString* why) {
    const QString last = run.err.trimmed().split('\n').last();
    *why = QString("finished %1, exit %2, stderr: %3").arg(run.finished).arg(run.exitCode).arg(run.err.left(2000));
    return run.finished && run.exitCode == 1 && last.contains(": " + file + ":") && !run.err.contains("internal error") &&
           !run.err.contains("Exception raised from") && !run.err.contains("bad_alloc") && !run.err.contains("PytorchStreamReader") && run.err.size() < 2000;
}

#define M2DS_VERIFY_REFUSED(run, file, reason)                                                             \
    do {                                                                                                   \
        QString why;                                                                                       \
        QVERIFY2(refusedNaming(run, file, &why), qPrintable(why));                                         \
        QVERIFY2((run).err.contains(reason), qPrintable((run).err.left(2000)));                            \
    } while (false)

/// Appends the low `width` bytes of `value`, least significant first; width 1..8.
void appendLittle(std::string& out, std::uint64_t value, int width) {
    for (int i = 0; i < width; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

/// A zip member: its bytes as stored, how many bytes they inflate to, and its CRC.
struct ZipMember {
    std::string name;
    std::string stored;
    std::uint64_t size;
    std::uint32_t crc;
    int method;
};

std::uint32_t crcOf(const std::string& data) {
    return static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

ZipMember storedMember(const std::string& name, const std::string& data) { return {name, data, data.size(), crcOf(data), 0}; }

/// Raw deflate of `chunk` ending in a full flush, so that its bytes can be repeated to inflate to `chunk` repeated.
std::string deflateChunk(const std::string& chunk, int flush) {
    static z_stream stream{};
    if (!stream.state) deflateInit2(&stream, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    std::string out(chunk.size() + chunk.size() / 100 + 1024, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    stream.avail_in = static_cast<uInt>(chunk.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, flush);
    out.resize(out.size() - stream.avail_out);
    if (flush == Z_FINISH) deflateReset(&stream);
    return out;
}

/// `head` followed by `zeroChunks` MiB of zero bytes, deflated (a few KB for gigabytes).
ZipMember deflatedZeros(const std::string& name, const std::string& head, std::uint64_t zeroChunks) {
    const std::string zeros(1 << 20, '\0');
    std::string stored = deflateChunk(head, Z_FULL_FLUSH);
    const std::string repeated = deflateChunk(zeros, Z_FULL_FLUSH);
    std::uint32_t crc = crcOf(head);
    const std::uint32_t zerosCrc = crcOf(zeros);
    for (std::uint64_t i = 0; i < zeroChunks; ++i) {
        stored += repeated;
        crc = static_cast<std::uint32_t>(crc32_combine(crc, zerosCrc, static_cast<z_off_t>(zeros.size())));
    }
    stored += deflateChunk("", Z_FINISH);
    return {name, stored, head.size() + zeroChunks * zeros.size(), crc, 8};
}

std::string zipBytes(const std::vector<ZipMember>& members) {
    std::string body, directory;
    for (const ZipMember& member : members) {
        std::string fields;  // version, flags, method, time, date, crc, sizes, name length, extra length
        appendLittle(fields, 20, 2);
        appendLittle(fields, 0, 2);
        appendLittle(fields, static_cast<std::uint64_t>(member.method), 2);
        appendLittle(fields, 0, 4);
        appendLittle(fields, member.crc, 4);
        appendLittle(fields, member.stored.size(), 4);
        appendLittle(fields, member.size, 4);
        appendLittle(fields, member.name.size(), 2);
        appendLittle(fields, 0, 2);
        appendLittle(directory, 0x02014b50, 4);
        appendLittle(directory, 20, 2);
        directory += fields;
        directory.append(2 + 2 + 2 + 4, '\0');  // comment, disk, internal and external attributes
        appendLittle(directory, body.size(), 4);
        directory += member.name;
        appendLittle(body, 0x04034b50, 4);
        body += fields + member.name + member.stored;
    }
    return body + directory + ZipDirectory::endRecordBytes(members.size(), directory.size(), body.size());
}

void writeBytes(const QString& path, const std::string& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes.data(), static_cast<qint64>(bytes.size())), static_cast<qint64>(bytes.size()));
}

std::string readBytes(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

/// The members of a stored zip (a .pth that torch.save or our exporter wrote), in order.
std::vector<ZipMember> zipMembers(const QString& path) {
    const ZipDirectory directory(path.toStdString());
    const std::string bytes = readBytes(path);
    std::vector<ZipMember> members;
    for (const ZipDirectory::Entry& entry : directory.entries())
        members.push_back(storedMember(entry.name, bytes.substr(directory.dataOffset(entry), entry.compressedSize)));
    return members;
}

/// A .pth holding only `pickle` as data.pkl (plus the version record PyTorch's reader needs).
std::string pthWithPickle(const std::string& pickle) {
    return zipBytes({storedMember("archive/data.pkl", pickle), storedMember("archive/version", "3\n")});
}

/// A 16-bit mono PCM WAV of `frames` zero frames declaring `rate`.
std::string waveBytes(std::uint32_t rate, std::uint32_t frames) {
    std::string wave = "RIFF";
    appendLittle(wave, 36 + 2 * std::uint64_t{frames}, 4);
    wave += "WAVEfmt ";
    appendLittle(wave, 16, 4);
    appendLittle(wave, 1, 2);  // PCM
    appendLittle(wave, 1, 2);  // mono
    appendLittle(wave, rate, 4);
    appendLittle(wave, 2 * std::uint64_t{rate}, 4);
    appendLittle(wave, 2, 2);
    appendLittle(wave, 16, 2);
    wave += "data";
    appendLittle(wave, 2 * std::uint64_t{frames}, 4);
    return wave + std::string(2 * std::size_t{frames}, '\0');
}

/// A safetensors file: the 8-byte length, `header` and `data`.
std::string safetensorsBytes(const std::string& header, const std::string& data) {
    std::string bytes;
    appendLittle(bytes, header.size(), 8);
    return bytes + header + data;
}

std::string repeated(const std::string& text, std::size_t count) {
    std::string out;
    out.reserve(text.size() * count);
    for (std::size_t i = 0; i < count; ++i) out += text;
    return out;
}

}  // namespace

class TestM2dsHostileFiles : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        tinyPth_ = dir_.filePath("tiny.pth");
        const ImportedCheckpoint tiny = CheckpointImporter().read(test::tinyCheckpoint().toStdString());
        CheckpointExporter::writePth(tinyPth_.toStdString(), tiny.weights);
        QCOMPARE(m2dsRun({"ckpt", "info", tinyPth_}).exitCode, 0);
        wave_ = dir_.filePath("second.wav");
        writeBytes(wave_, waveBytes(16000, 16000));
    }

    // --- stack overflows -------------------------------------------------------------------------------------------

    void deeplyNestedPickleIsRefused_data() {
        QTest::addColumn<int>("depth");
        QTest::newRow("1e6") << 1000000;
        QTest::newRow("3e5") << 300000;
    }
    void deeplyNestedPickleIsRefused() {
        QFETCH(int, depth);
        const QString path = dir_.filePath(QString("nested-%1.pth").arg(depth));
        writeBytes(path, pthWithPickle("\x80\x02" + std::string(depth, ']') + std::string(depth - 1, 'a') + "."));
        M2DS_VERIFY_REFUSED(m2dsRun({"ckpt", "info", path}), path, "nested more than");
    }
    // A tree nested a million deep through the memo, which an insertion-time depth count would not see, is refused:
    // tst_PickleReader.

    void deeplyNestedSafetensorsHeaderIsRefused() {
        const QString path = dir_.filePath("nested.safetensors");
        writeBytes(path, safetensorsBytes("{\"__metadata__\":" + repeated("{\"a\":", 1000000) + "1" + std::string(1000000, '}') + "}", ""));
        M2DS_VERIFY_REFUSED(m2dsRun({"ckpt", "info", path}), path, "nests deeper than");
    }

    // --- heap under-reads ------------------------------------------------------------------------------------------

    void tensorViewsOutsideTheirStorageAreRefused_data() {
        QTest::addColumn<QByteArray>("offset");  // the storage offset's pickle opcodes
        QTest::addColumn<QString>("reason");
        QTest::newRow("-8") << QByteArray("J\xf8\xff\xff\xff", 5) << "offset";
        QTest::newRow("-5") << QByteArray("J\xfb\xff\xff\xff", 5) << "offset";
        QTest::newRow("2^63-1") << QByteArray("\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x7f", 10) << "offset";
        QTest::newRow("beyond the storage") << QByteArray("J\x01\x00\x00\x00", 5) << "needs 33 elements of storage";
    }
    void tensorViewsOutsideTheirStorageAreRefused() {
        QFETCH(QByteArray, offset);
        QFETCH(QString, reason);
        // cls_token is the first tensor our exporter pickles: its storage offset is the first BININT after BINPERSID.
        std::vector<ZipMember> members = zipMembers(tinyPth_);
        std::string& pickle = members.front().stored;
        const std::size_t at = pickle.find(std::string("QJ\0\0\0\0", 6));
        QVERIFY(at != std::string::npos);
        pickle.replace(at + 1, 5, offset.toStdString());
        members.front() = storedMember(members.front().name, pickle);
        const QString path = dir_.filePath("offset.pth");
        writeBytes(path, zipBytes(members));
        for (const QStringList& command : {QStringList{"ckpt", "info", path}, QStringList{"ckpt", "convert", path, dir_.filePath("out.safetensors")},
                                           QStringList{"extract", "--model", path, "-o", dir_.filePath("out.csv"), wave_}})
            M2DS_VERIFY_REFUSED(m2dsRun(command), path, reason);
        QVERIFY(!QFile::exists(dir_.filePath("out.safetensors")));
    }

    void zeroStrideIsRefused() {
        std::vector<ZipMember> members = zipMembers(tinyPth_);
        std::string& pickle = members.front().stored;
        // cls_token [1, 1, 32] has strides (32, 32, 1): make the last one 0 (every element the same storage value).
        const std::string strides("(J\x20\0\0\0J\x20\0\0\0J\x01\0\0\0t", 17);
        const std::size_t at = pickle.find(strides);
        QVERIFY(at != std::string::npos);
        pickle[at + 12] = '\0';
        members.front() = storedMember(members.front().name, pickle);
        const QString path = dir_.filePath("zero-stride.pth");
        writeBytes(path, zipBytes(members));
        M2DS_VERIFY_REFUSED(m2dsRun({"ckpt", "info", path}), path, "zero stride");
    }

    // --- memory blow-ups -------------------------------------------------------------------------------------------

    void absurdSampleRatesAreRefused_data() {
        QTest::addColumn<quint32>("rate");
        QTest::addColumn<quint32>("frames");
        QTest::addColumn<QString>("reason");
        QTest::newRow("1 Hz") << 1u << 200000u << "sample rate of 1 Hz";
        QTest::newRow("8 Hz") << 8u << 400000u << "sample rate of 8 Hz";
        QTest::newRow("2 MHz") << 2000000u << 1000u << "sample rate of 2000000 Hz";
        QTest::newRow("0 Hz") << 0u << 1000u << "inconsistent header";
        QTest::newRow("2^32-1 Hz") << 0xffffffffu << 1000u << "inconsistent header";
    }
    void absurdSampleRatesAreRefused() {
        QFETCH(quint32, rate);
        QFETCH(quint32, frames);
        QFETCH(QString, reason);
        const QString path = dir_.filePath(QString("rate-%1.wav").arg(rate));
        writeBytes(path, waveBytes(rate, frames));
        for (const QStringList& command : {QStringList{"melspec", path, "-o", dir_.filePath("out.npy")},
                                           QStringList{"extract", "--model", tinyPth_, "-o", dir_.filePath("out.csv"), path}}) {
            const Run run = m2dsRun(command);
            M2DS_VERIFY_REFUSED(run, path, reason);
            QVERIFY2(!run.err.contains("Internal error") && !run.err.contains("SF_INFO"), qPrintable(run.err));
        }
    }

    void flacDeclaringAllOnesSamplesIsTruncated() {
        const QString path = dir_.filePath("all-ones.flac");
        QVERIFY(test::writeAudio(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 16000, 1, test::sine(440, 0.5, 16000)));
        std::string bytes = readBytes(path);
        QCOMPARE(bytes.substr(0, 4), std::string("fLaC"));
        bytes[21] = static_cast<char>(bytes[21] | 0x0f);  // STREAMINFO total_samples: the low nibble of byte 13 and bytes 14-17
        for (int i = 22; i < 26; ++i) bytes[i] = '\xff';
        writeBytes(path, bytes);
        M2DS_VERIFY_REFUSED(m2dsRun({"melspec", path, "-o", dir_.filePath("out.npy")}), path, "truncated");
    }

    void truncatedOggIsRefused_data() {
        QTest::addColumn<int>("keptPercent");
        QTest::newRow("last page cut") << 99;  // libsndfile then reports 2^63 - 1 frames
        QTest::newRow("half") << 50;
    }
    void truncatedOggIsRefused() {
        QFETCH(int, keptPercent);
        const QString path = dir_.filePath(QString("truncated-%1.ogg").arg(keptPercent));
        QVERIFY(test::writeAudio(path, SF_FORMAT_OGG | SF_FORMAT_VORBIS, 16000, 1, test::sine(440, 3.0, 16000)));
        const std::string bytes = readBytes(path);
        writeBytes(path, bytes.substr(0, bytes.size() * static_cast<std::size_t>(keptPercent) / 100));
        for (const QStringList& command : {QStringList{"info", path}, QStringList{"melspec", path, "-o", dir_.filePath("ogg.npy")}})
            M2DS_VERIFY_REFUSED(m2dsRun(command), path, "truncated");
    }

    void npzBombIsRefusedBeforeInflating() {
        const QString speech = dir_.filePath("bomb-speech");
        QVERIFY(QDir().mkpath(speech));
        const std::string header = NpyFile::header({1, 80, std::size_t{1} << 23});  // 2.7 GB of float32 zeros
        const QString path = QDir(speech).filePath("bomb.npz");
        writeBytes(path, zipBytes({deflatedZeros("arr_0.npy", header, 80 * 4 * 8)}));
        QVERIFY(QFileInfo(path).size() < 4 << 20);
        const Run run = m2dsRun({"train", "--speech", speech, "--model", "m2d_s_vit_tiny", "--output_dir", dir_.filePath("bomb-run"), "--epochs", "1",
                             "--warmup_epochs", "0"});
        M2DS_VERIFY_REFUSED(run, path, "refused before inflating");
    }

    void deflatedExtraTensorIsRefusedBeforeInflating() {
        // The tiny checkpoint plus an extra 256 M-float tensor whose record is 1 GB of deflated zeros (~1 MB on disk).
        std::vector<ZipMember> members = zipMembers(tinyPth_);
        std::string& pickle = members.front().stored;
        const std::size_t setItems = pickle.rfind("us.");
        QVERIFY(setItems != std::string::npos);
        std::string extra = "X";
        appendLittle(extra, 5, 4);
        extra += "extractorch._utils\n_rebuild_tensor_v2\n((X";
        appendLittle(extra, 7, 4);
        extra += "storagectorch\nFloatStorage\nX";
        appendLittle(extra, 5, 4);
        extra += "bombsX";
        appendLittle(extra, 3, 4);
        extra += "cpuJ";
        appendLittle(extra, 1 << 28, 4);
        extra += "tQJ";
        appendLittle(extra, 0, 4);
        extra += "(J";
        appendLittle(extra, 1 << 28, 4);
        extra += "t(J";
        appendLittle(extra, 1, 4);
        extra += "t\x89" "ccollections\nOrderedDict\n)RtR";
        pickle.insert(setItems, extra);
        members.front() = storedMember(members.front().name, pickle);
        const std::string folder = members.front().name.substr(0, members.front().name.find('/') + 1);
        members.push_back(deflatedZeros(folder + "data/bombs", "", 1024));
        const QString path = dir_.filePath("extra-bomb.pth");
        writeBytes(path, zipBytes(members));
        QVERIFY(QFileInfo(path).size() < 4 << 20);
        M2DS_VERIFY_REFUSED(m2dsRun({"ckpt", "info", path}), path, "would inflate");
    }

    // --- slow paths ------------------------------------------------------------------------------------------------

    void manySafetensorsEntriesReadInLinearTime() {
        std::string header = "{";
        for (int i = 0; i < 200000; ++i)
            header += "\"extra." + std::to_string(i) + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[" + std::to_string(4 * i) + "," +
                      std::to_string(4 * i + 4) + "]},";
        header.back() = '}';
        const QString path = dir_.filePath("many.safetensors");
        writeBytes(path, safetensorsBytes(header, std::string(800000, '\0')));
        M2DS_VERIFY_REFUSED(m2dsRun({"ckpt", "info", path}), path, "missing key");
    }

    // --- internal errors instead of messages -----------------------------------------------------------------------

    void flippedCentralDirectoryIsOneLine() {
        const std::string original = readBytes(tinyPth_);
        const std::size_t end = original.rfind(std::string("PK\x05\x06", 4));
        const std::size_t start = static_cast<std::size_t>(static_cast<unsigned char>(original[end + 16])) |
                                  static_cast<std::size_t>(static_cast<unsigned char>(original[end + 17])) << 8 |
                                  static_cast<std::size_t>(static_cast<unsigned char>(original[end + 18])) << 16;
        const QString path = dir_.filePath("flipped.pth");
        for (std::size_t at = start + 10; at < end; at += (end - start) / 23) {  // methods, sizes, names, offsets of many entries
            std::string bytes = original;
            bytes[at] = static_cast<char>(bytes[at] ^ 0x63);
            writeBytes(path, bytes);
            const Run run = m2dsRun({"ckpt", "info", path});
            QString why;
            QVERIFY2(run.exitCode == 0 ? run.finished : refusedNaming(run, path, &why), qPrintable(QString("byte %1: ").arg(at) + why));
        }
    }

    void teacherWidthMismatchNamesTheFile() {
        const QString speech = dir_.filePath("mixed-teachers");
        QVERIFY(QDir().mkpath(speech));
        for (int i = 0; i < 4; ++i) {
            const std::size_t width = i == 1 ? 24 : 40;
            const std::vector<float> logMel(80 * 700, -5.0f), teacher(350 * width, 0.5f);
            std::string zip = zipBytes({storedMember("arr_0.npy", NpyFile::encode({1, 80, 700}, logMel.data())),
                                        storedMember("arr_1.npy", NpyFile::encode({1, 350, width}, teacher.data())),
                                        storedMember("arr_2.npy", NpyFile::encodeInt64Scalar(350))});
            writeBytes(QDir(speech).filePath(QString("%1.npz").arg(i)), zip);
        }
        const QString odd = QDir(speech).filePath("1.npz");
        const Run run = m2dsRun({"train", "--speech", speech, "--model", "m2d_s_vit_tiny", "--output_dir", dir_.filePath("mixed-run"),
                                 "--epochs", "1", "--warmup_epochs", "0", "--batch_size", "2"});
        M2DS_VERIFY_REFUSED(run, odd, "teacher features (arr_1) are 24 wide");
    }

    void fileTextIsQuotedEscapedAndShortened() {
        // A 10 MB state-dict key with a terminal escape and invalid UTF-8 (a pickle string is not checked by Python's
        // pickler), and a safetensors name with an escape (JSON carries only valid UTF-8).
        std::string pickle = "\x80\x02}X";
        const std::string key = "\x1b[31m\xff" + std::string(10 << 20, 'k');
        appendLittle(pickle, key.size(), 4);
        const QString pth = dir_.filePath("long-key.pth");
        writeBytes(pth, pthWithPickle(pickle + key + "K\x01s."));
        const Run fromPickle = m2dsRun({"ckpt", "info", pth});
        M2DS_VERIFY_REFUSED(fromPickle, pth, "'\\x1b[31m\\xffkkk");
        const QString safetensors = dir_.filePath("escape.safetensors");
        writeBytes(safetensors, safetensorsBytes("{\"\\u001b[2J\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}", std::string(1, '\0')));
        const Run fromJson = m2dsRun({"ckpt", "info", safetensors});
        M2DS_VERIFY_REFUSED(fromJson, safetensors, "'\\x1b[2J'");
        QVERIFY(!fromPickle.err.contains('\x1b') && !fromJson.err.contains('\x1b'));
    }

    void unexpectedLongKeyIsOneShortLine() {
        // The model refuses the key (core/model words it, without the file); the line stays short and inert.
        StateDict weights = CheckpointImporter().read(tinyPth_.toStdString()).weights;
        weights.emplace_back("\x1b]0;owned\x07" + std::string(10 << 20, 'k'), FloatArray{{1}, {0.0f}});
        const QString path = dir_.filePath("unexpected-key.pth");
        CheckpointExporter::writePth(path.toStdString(), weights);
        const Run run = m2dsRun({"ckpt", "info", path});
        QVERIFY2(run.finished && run.exitCode == 1 && run.err.trimmed().count('\n') == 0 && run.err.size() < 1200, qPrintable(run.err.left(2000)));
        QVERIFY2(run.err.contains("\\x1b]0;owned\\x07kkk") && !run.err.contains('\x1b') && !run.err.contains('\x07'), qPrintable(run.err));
    }

    // --- accepted but doubtful: decided ----------------------------------------------------------------------------

    void overlappingSafetensorsDataIsRefused() {
        // Refused: no writer produces two tensors sharing bytes, and safetensors' own reader refuses it too.
        const std::string entry = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[";
        const QString path = dir_.filePath("overlap.safetensors");
        writeBytes(path, safetensorsBytes("{\"a\":" + entry + "0,8]},\"b\":" + entry + "4,12]}}", std::string(12, '\0')));
        M2DS_VERIFY_REFUSED(m2dsRun({"ckpt", "info", path}), path, "overlap");
    }

    void nonObjectMetadataIsRefused() {
        // Refused: the format defines __metadata__ as a string-to-string map (its Rust reader refuses anything else).
        const QString path = dir_.filePath("metadata.safetensors");
        writeBytes(path, safetensorsBytes("{\"__metadata__\":[1,2]}", ""));
        M2DS_VERIFY_REFUSED(m2dsRun({"ckpt", "info", path}), path, "__metadata__ is not an object of strings");
    }

    void twoDataPickleEntriesAreRefused() {
        // Refused: which of the two a reader takes differs between zip libraries, so the file means two things.
        std::vector<ZipMember> members = zipMembers(tinyPth_);
        members.push_back(storedMember(members.front().name, "\x80\x02}."));
        const QString path = dir_.filePath("two-pickles.pth");
        writeBytes(path, zipBytes(members));
        M2DS_VERIFY_REFUSED(m2dsRun({"ckpt", "info", path}), path, "two entries named");
    }

private:
    QTemporaryDir dir_;
    QString tinyPth_, wave_;
};

QTEST_GUILESS_MAIN(TestM2dsHostileFiles)
#include "tst_m2dsHostileFiles.moc"
