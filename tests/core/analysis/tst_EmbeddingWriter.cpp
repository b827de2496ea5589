// The embedding exports through EmbeddingWriter::create: CSV, NPY + index CSV and the TensorBoard projector folder,
// frame and clip level, with recordings fed in uneven chunks; the provenance sidecar; nothing visible before finish();
// recordings whose layers disagree and clip rows of a recording without frames are refused.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "analysis/EmbeddingWriter.h"
#include "common/Errors.h"
#include "common/NpyFile.h"

using namespace m2ds;

namespace {

constexpr std::size_t kDim = 2;
const std::vector<int> kLayers{1, 3};

/// The value of layer index l, frame t, dimension d of recording r: distinct everywhere, exact in float32.
float frameValue(std::size_t r, std::size_t l, std::size_t t, std::size_t d) { return float(1000 * r + 100 * l + 10 * t + d); }

/// One chunk: frames [first, first + rows) of every layer of recording r, [rows, kDim] each.
std::vector<FloatArray> chunk(std::size_t r, std::size_t first, std::size_t rows, std::size_t layerCount) {
    std::vector<FloatArray> layers(layerCount, FloatArray{{rows, kDim}, {}});
    for (std::size_t l = 0; l < layerCount; ++l)
        for (std::size_t t = first; t < first + rows; ++t)
            for (std::size_t d = 0; d < kDim; ++d) layers[l].values.push_back(frameValue(r, l, t, d));
    return layers;
}

/// Recording "a.wav" (3 frames, chunks of 2 + 1, label "speech") then "b,c.wav" (2 frames, one chunk, unlabelled).
void writeTwoRecordings(EmbeddingWriter& writer, const std::vector<int>& layers) {
    writer.beginRecording("a.wav", layers, 0.02, "speech");
    writer.addFrames(0, chunk(0, 0, 2, layers.size()));
    writer.addFrames(2, chunk(0, 2, 1, layers.size()));
    writer.endRecording();
    writer.beginRecording("b,c.wav", layers, 0.02);
    writer.addFrames(0, chunk(1, 0, 2, layers.size()));
    writer.endRecording();
}

QStringList readLines(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
}

QJsonObject readJson(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject{};
}

}  // namespace

class TestEmbeddingWriter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        checkpoint_ = dir_.filePath("weights.pth");
        QFile weights(checkpoint_);
        QVERIFY(weights.open(QIODevice::WriteOnly));
        weights.write("abc");  // SHA-256 ba7816bf…
        provenance_ = {checkpoint_.toStdString(), R"({"name": "tiny"})", R"({"norm_stats": [-7.1, 4.2]})"};
    }

    void csvFrameRows() {
        const QString path = dir_.filePath("frames.csv");
        const auto writer = EmbeddingWriter::create(path.toStdString(), kDim, {EmbeddingFormat::Csv, false, ClipPoolingKind::Mean});
        writeTwoRecordings(*writer, kLayers);
        QVERIFY(!QFile::exists(path));
        writer->finish(provenance_);
        const QStringList lines = readLines(path);
        QCOMPARE(lines.size(), 1 + 2 * (3 + 2));
        QCOMPARE(lines[0], QString("file,layer,frame,start_ms,end_ms,d0,d1"));
        QCOMPARE(lines[1], QString("a.wav,1,0,0.0,20.0,0,1"));        // chunk 1: layer 1 frames 0, 1, then layer 3
        QCOMPARE(lines[3], QString("a.wav,3,0,0.0,20.0,100,101"));
        QCOMPARE(lines[5], QString("a.wav,1,2,40.0,60.0,20,21"));     // chunk 2
        QCOMPARE(lines[7], QString("\"b,c.wav\",1,0,0.0,20.0,1000,1001"));
        QCOMPARE(readJson(path + ".json")["level"].toString(), QString("frame"));
    }

    void csvClipRowsArePooled() {
        const QString path = dir_.filePath("clip.csv");
        const auto writer = EmbeddingWriter::create(path.toStdString(), kDim, {EmbeddingFormat::Csv, true, ClipPoolingKind::MeanStd});
        QCOMPARE(writer->rowDim(), 2 * kDim);
        writeTwoRecordings(*writer, kLayers);
        writer->finish(provenance_);
        const QStringList lines = readLines(path);
        QCOMPARE(lines.size(), 1 + 2 * 2);
        QCOMPARE(lines[0], QString("file,layer,frame,start_ms,end_ms,d0,d1,d2,d3"));
        // a.wav layer 1: dimension 0 over frames {0, 10, 20}: mean 10, population std sqrt(200/3)
        const QStringList first = lines[1].split(',');
        QCOMPARE(first.mid(0, 5), (QStringList{"a.wav", "1", "-1", "0.0", "60.0"}));
        QCOMPARE(first[5].toDouble(), 10.0);
        QCOMPARE(first[6].toDouble(), 11.0);
        QVERIFY(std::abs(first[7].toDouble() - std::sqrt(200.0 / 3.0)) < 1e-5);
        QCOMPARE(readJson(path + ".json")["pooling"].toString(), QString("mean+std"));
    }

    void npyFramesFollowEachOtherWithAnIndex() {
        const QString path = dir_.filePath("frames.npy");
        const auto writer = EmbeddingWriter::create(path.toStdString(), kDim, {EmbeddingFormat::Npy, false, ClipPoolingKind::Mean});
        writeTwoRecordings(*writer, kLayers);
        QVERIFY(!QFile::exists(path) && !QFile::exists(path + ".index.csv"));
        writer->finish(provenance_);
        const FloatArray array = NpyFile::readFloat32(path.toStdString());
        QCOMPARE(array.shape, (std::vector<std::size_t>{2, 5, kDim}));
        const QStringList index = readLines(path + ".index.csv");
        QCOMPARE(index.size(), 1 + 10);
        QCOMPARE(index[0], QString("row,file,layer,frame,start_ms,end_ms"));
        for (std::size_t row = 0; row < 10; ++row) {  // layer-major, recordings one after the other
            const std::size_t l = row / 5, t = row % 5, r = t < 3 ? 0 : 1, frame = r == 0 ? t : t - 3;
            QCOMPARE(array.values[row * kDim + 1], frameValue(r, l, frame, 1));
            const QString expected = QString("%1,%2,%3,%4,").arg(row).arg(r == 0 ? "a.wav" : "\"b,c.wav\"").arg(kLayers[l]).arg(frame);
            QVERIFY2(index[int(row) + 1].startsWith(expected), qPrintable(index[int(row) + 1]));
        }
    }

    void npyOfOneLayerDropsTheLayerAxis() {
        const QString frames = dir_.filePath("one.npy"), clips = dir_.filePath("one-clip.npy");
        const auto frameWriter = EmbeddingWriter::create(frames.toStdString(), kDim, {EmbeddingFormat::Npy, false, ClipPoolingKind::Mean});
        writeTwoRecordings(*frameWriter, {3});
        frameWriter->finish(provenance_);
        QCOMPARE(NpyFile::readFloat32(frames.toStdString()).shape, (std::vector<std::size_t>{5, kDim}));
        const auto clipWriter = EmbeddingWriter::create(clips.toStdString(), kDim, {EmbeddingFormat::Npy, true, ClipPoolingKind::Max});
        writeTwoRecordings(*clipWriter, {3});
        clipWriter->finish(provenance_);
        const FloatArray clip = NpyFile::readFloat32(clips.toStdString());
        QCOMPARE(clip.shape, (std::vector<std::size_t>{2, kDim}));
        QCOMPARE(clip.values, (std::vector<float>{20.0f, 21.0f, 1010.0f, 1011.0f}));
        QCOMPARE(readLines(clips + ".index.csv").mid(1), (QStringList{"0,a.wav,3,-1,0.0,60.0", "1,\"b,c.wav\",3,-1,0.0,40.0"}));
    }

    void npyClipRowsAreRecordingMajor() {
        const QString path = dir_.filePath("clip.npy");
        const auto writer = EmbeddingWriter::create(path.toStdString(), kDim, {EmbeddingFormat::Npy, true, ClipPoolingKind::First});
        writeTwoRecordings(*writer, kLayers);
        writer->finish(provenance_);
        const FloatArray clip = NpyFile::readFloat32(path.toStdString());
        QCOMPARE(clip.shape, (std::vector<std::size_t>{2, 2, kDim}));
        QCOMPARE(clip.values, (std::vector<float>{0, 1, 100, 101, 1000, 1001, 1100, 1101}));
    }

    void projectorFolderHoldsTensorsMetadataAndConfig() {
        const QString folder = dir_.filePath("made/projector");
        const auto writer = EmbeddingWriter::create(folder.toStdString(), kDim, {EmbeddingFormat::Projector, false, ClipPoolingKind::Mean});
        QVERIFY(QFileInfo(folder).isDir());
        writeTwoRecordings(*writer, kLayers);
        QVERIFY(!QFile::exists(folder + "/tensors.tsv") && !QFile::exists(folder + "/metadata.tsv"));
        writer->finish(provenance_);
        const QStringList tensors = readLines(folder + "/tensors.tsv");
        const QStringList metadata = readLines(folder + "/metadata.tsv");
        QCOMPARE(tensors.size(), 10);
        QCOMPARE(metadata.size(), 1 + 10);
        QCOMPARE(metadata[0], QString("label\tfile\tlayer\tframe\tstart_s"));
        QCOMPARE(metadata[1], QString("speech\ta.wav\t1\t0\t0.000"));
        QCOMPARE(tensors[0], QString("0\t1"));
        QCOMPARE(metadata[5], QString("speech\ta.wav\t1\t2\t0.040"));
        QCOMPARE(tensors[4], QString("20\t21"));
        QCOMPARE(metadata[7], QString("\tb,c.wav\t1\t0\t0.000"));  // unlabelled: an empty label column
        const QStringList config = readLines(folder + "/projector_config.pbtxt");
        QVERIFY(config.contains("  tensor_path: \"tensors.tsv\"") && config.contains("  metadata_path: \"metadata.tsv\""));
        QCOMPARE(readJson(folder + "/provenance.json")["format"].toString(), QString("projector"));
    }

    void projectorClipRows() {
        const QString folder = dir_.filePath("clip-projector");
        const auto writer = EmbeddingWriter::create(folder.toStdString(), kDim, {EmbeddingFormat::Projector, true, ClipPoolingKind::Last});
        writeTwoRecordings(*writer, kLayers);
        writer->finish(provenance_);
        QCOMPARE(readLines(folder + "/tensors.tsv"), (QStringList{"20\t21", "120\t121", "1010\t1011", "1110\t1111"}));
        QCOMPARE(readLines(folder + "/metadata.tsv")[4], QString("\tb,c.wav\t3\t-1\t0.000"));
    }

    void sidecarNamesTheCheckpointAndTheExport() {
        const QString path = dir_.filePath("sidecar.npy");
        const auto writer = EmbeddingWriter::create(path.toStdString(), kDim, {EmbeddingFormat::Npy, true, ClipPoolingKind::Mean});
        writeTwoRecordings(*writer, kLayers);
        writer->finish(provenance_);
        const QJsonObject sidecar = readJson(path + ".json");
        QCOMPARE(sidecar["checkpoint"].toString(), checkpoint_);
        QVERIFY(sidecar["checkpoint_sha256"].toString().startsWith("ba7816bf"));
        QCOMPARE(sidecar["model"].toObject()["name"].toString(), QString("tiny"));
        QCOMPARE(sidecar["norm_stats"].toArray().size(), 2);
        QCOMPARE(sidecar["layers"].toArray(), (QJsonArray{1, 3}));
        QCOMPARE(sidecar["files"].toArray(), (QJsonArray{"a.wav", "b,c.wav"}));
        QCOMPARE(sidecar["level"].toString(), QString("clip"));
        QCOMPARE(sidecar["pooling"].toString(), QString("mean"));
        QCOMPARE(sidecar["format"].toString(), QString("npy"));
        QCOMPARE(sidecar["frame_seconds"].toDouble(), 0.02);
        QVERIFY(sidecar.contains("m2ds_version"));
    }

    void inconsistentInputIsRefused() {
        const auto writer = EmbeddingWriter::create(dir_.filePath("bad.csv").toStdString(), kDim, {EmbeddingFormat::Csv, true, ClipPoolingKind::Mean});
        writer->beginRecording("a.wav", kLayers, 0.02);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, writer->addFrames(0, chunk(0, 0, 2, 1)));
        QVERIFY_THROWS_EXCEPTION(InputError, writer->endRecording());  // no frame: no clip row
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, writer->beginRecording("b.wav", {3}, 0.02));
    }

    void formatsFromNamesAndPaths() {
        QCOMPARE(embeddingFormatOfPath("x.csv"), EmbeddingFormat::Csv);
        QCOMPARE(embeddingFormatOfPath("x.npy"), EmbeddingFormat::Npy);
        QVERIFY_THROWS_EXCEPTION(OutputError, embeddingFormatOfPath("x.tsv"));
        for (const char* name : {"csv", "npy", "projector"}) QCOMPARE(embeddingFormatName(parseEmbeddingFormat(name)), std::string(name));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, parseEmbeddingFormat("parquet"));
    }

private:
    QTemporaryDir dir_;
    QString checkpoint_;
    EmbeddingProvenance provenance_;
};

QTEST_GUILESS_MAIN(TestEmbeddingWriter)
#include "tst_EmbeddingWriter.moc"
