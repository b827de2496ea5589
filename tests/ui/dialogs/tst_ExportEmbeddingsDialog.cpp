// File ▸ Export Embeddings… offscreen with the tiny model: the dialog writes each format (CSV, NPY + index CSV, a
// TensorBoard projector folder) with its provenance sidecar, for open recordings and for a labelled set whose labels
// reach the projector's metadata; without an output path Export stays disabled, and a bad layer list is one line.
// With no model loaded, the tiny HuBERT folder exports the rows `m2ds extract --model FOLDER` writes (20 ms frames) and
// its sidecar; a folder that is not a model is one line naming it under the picker, and Export stays disabled.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include "ArrayComparison.h"
#include "LabelledRecordings.h"
#include "ModelFixtures.h"
#include "TestData.h"
#include "dialogs/ExportEmbeddingsDialog.h"
#include "jobs/EmbeddingExportService.h"
#include "jobs/ModelService.h"
#include "widgets/EncoderChoice.h"

using namespace m2ds;

namespace {

QStringList linesOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
    return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
}

/// An embedding CSV split into its row keys (file,layer,frame,start_ms,end_ms) and the values of every row.
struct CsvRows {
    QStringList keys;
    std::vector<float> values;
};

CsvRows rowsOf(const QStringList& lines) {
    CsvRows rows;
    for (const QString& line : lines.mid(1)) {
        const QStringList cells = line.split(',');
        rows.keys << cells.mid(0, 5).join(',');
        for (const QString& cell : cells.mid(5)) rows.values.push_back(cell.toFloat());
    }
    return rows;
}

}  // namespace

class TestExportEmbeddingsDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(dir_.isValid());
        recordings_ = test::writeLabelledRecordings(dir_.filePath("set"), {"high", "low"}, 2);
        QCOMPARE(recordings_.size(), 4);
        models_ = std::make_unique<ModelService>(test::presetsDirectory());
        models_->loadModel(test::tinyCheckpoint());
        QTRY_VERIFY_WITH_TIMEOUT(models_->model().has_value(), 30000);
        service_ = std::make_unique<EmbeddingExportService>(*models_);
    }

    void writesFrameRowsAsCsv() {
        EmbeddingExportRequest request;
        request.layers = "0,2";
        request.output = dir_.filePath("frames.csv");
        QVERIFY2(exportWith(request), qPrintable(status_));
        const QStringList lines = linesOf(request.output);
        QVERIFY(lines.first().startsWith("file,layer,frame,start_ms,end_ms,d0,"));
        QVERIFY(lines.size() > 1 + 4 * 2 * 40);  // 4 one-second recordings, 2 layers, 50 frames a second
        QVERIFY(QFileInfo::exists(request.output + ".json"));
        QVERIFY(status_.contains(request.output));
    }

    void writesClipRowsAsNpyWithAnIndex() {
        EmbeddingExportRequest request;
        request.layers = "all";
        request.clipLevel = true;
        request.pooling = "mean+std";
        request.format = "npy";
        request.output = dir_.filePath("clips.npy");
        QVERIFY2(exportWith(request), qPrintable(status_));
        QVERIFY(QFileInfo(request.output).size() > 128);
        const QStringList index = linesOf(request.output + ".index.csv");
        QCOMPARE(index.size(), 1 + 4 * (models_->model()->depth + 1));
        QVERIFY(index.at(1).contains(",-1,"));
        QVERIFY(QFileInfo::exists(request.output + ".json"));
    }

    void writesALabelledSetAsAProjectorFolder() {
        EmbeddingExportRequest request;
        request.labelSource = dir_.filePath("set");
        request.clipLevel = true;
        request.format = "projector";
        request.output = dir_.filePath("projector");
        QVERIFY2(exportWith(request), qPrintable(status_));
        QDir folder(request.output);
        for (const QString name : {"tensors.tsv", "metadata.tsv", "projector_config.pbtxt"}) QVERIFY2(folder.exists(name), qPrintable(name));
        const QStringList metadata = linesOf(folder.filePath("metadata.tsv"));
        QCOMPARE(metadata.size(), 1 + 4);
        QVERIFY(metadata.at(1).startsWith("high\t"));
        QVERIFY(metadata.at(4).startsWith("low\t"));
    }

    void refusesWhatCannotBeExported() {
        ExportEmbeddingsDialog dialog(*service_, recordings_, QStringLiteral("tiny"));
        EmbeddingExportRequest request;
        dialog.setRequest(request);
        QVERIFY(!dialog.exportButton()->isEnabled());  // no output yet
        request.output = dir_.filePath("bad.csv");
        request.layers = "7-99";
        dialog.setRequest(request);
        QVERIFY(dialog.exportButton()->isEnabled());
        dialog.exportButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.exportButton()->isEnabled(), 30000);
        QVERIFY2(dialog.statusText().contains("7-99") && !dialog.statusText().contains('\n'), qPrintable(dialog.statusText()));
        QVERIFY(!QFileInfo::exists(request.output));
    }

    // A recording that cannot be decoded stops the export with its name, and nothing is written.
    void anUnusableRecordingIsNamedAndNothingWritten() {
        const QString set = dir_.filePath("with-broken");
        QCOMPARE(test::writeLabelledRecordings(set, {"high", "low"}, 1).size(), 2);
        QFile broken(set + "/high/high_9.wav");
        QVERIFY(broken.open(QIODevice::WriteOnly) && broken.write("RIFF? not a wave") > 0);
        broken.close();
        EmbeddingExportRequest request;
        request.labelSource = set;
        request.output = dir_.filePath("broken.csv");
        QVERIFY(!exportWith(request));
        QVERIFY2(status_.contains(broken.fileName()) && status_.contains("not an audio file"), qPrintable(status_));
        QVERIFY(!QFileInfo::exists(request.output));
    }

    void exportsAHubertFolderAsM2dsExtractDoes() {
        ModelService noModel(test::presetsDirectory());
        EmbeddingExportService service(noModel);
        const QString hubert = test::sourcePath("tests/golden/hubert/tiny/base");
        EmbeddingExportRequest request;
        request.hubertFolder = hubert;
        request.layers = "2";
        request.output = dir_.filePath("hubert.csv");
        QVERIFY2(exportWith(request, service, {}), qPrintable(status_));

        QProcess m2ds;
        m2ds.start(QStringLiteral(M2DS_EXECUTABLE), QStringList{"extract", "--model", hubert, "--layers", "2"} + recordings_ +
                                                        QStringList{"-o", dir_.filePath("hubert-cli.csv")});
        QVERIFY(m2ds.waitForFinished(60000));
        QVERIFY2(m2ds.exitCode() == 0, m2ds.readAllStandardError().constData());
        const QStringList exported = linesOf(request.output), expected = linesOf(dir_.filePath("hubert-cli.csv"));
        QCOMPARE(exported.first(), expected.first());
        QVERIFY(exported.first().endsWith(",d31"));  // hidden size 32
        const CsvRows rows = rowsOf(exported), reference = rowsOf(expected);
        QCOMPARE(rows.keys, reference.keys);
        QCOMPARE(rows.keys.size(), 4 * 49);  // 16000 samples: (16000 - 400) / 320 + 1 frames each
        QCOMPARE(rows.keys.at(1), recordings_.first() + ",2,1,20.0,40.0");  // 20 ms frames
        QCOMPARE(rows.values.size(), reference.values.size());
        M2DS_COMPARE_ARRAYS(test::compareArrays(rows.values.data(), reference.values.data(), rows.values.size()), (test::Tolerance{1e-5, 1e-6}));

        QFile sidecar(request.output + ".json");
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject provenance = QJsonDocument::fromJson(sidecar.readAll()).object();
        QVERIFY(provenance["checkpoint"].toString().endsWith("model.safetensors"));
        QCOMPARE(provenance["model"].toObject()["model_type"].toString(), QString("hubert"));
        QCOMPARE(provenance["frame_seconds"].toDouble(), 0.02);
    }

    void aFolderThatIsNotAModelIsOneLineAndExportStaysDisabled() {
        ModelService noModel(test::presetsDirectory());
        EmbeddingExportService service(noModel);
        ExportEmbeddingsDialog dialog(service, recordings_, {});
        EmbeddingExportRequest request;
        request.hubertFolder = dir_.filePath("set");  // recordings, no config.json
        request.layers = "2";
        request.output = dir_.filePath("not-a-model.csv");
        dialog.setRequest(request);
        QVERIFY(!dialog.exportButton()->isEnabled());
        const QString message = dialog.findChild<EncoderChoice*>()->folderMessage();
        QVERIFY2(message.contains(request.hubertFolder) && message.contains("config.json") && !message.contains('\n'), qPrintable(message));
        request.hubertFolder = test::sourcePath("tests/golden/hubert/tiny/base");
        dialog.setRequest(request);
        QVERIFY(dialog.exportButton()->isEnabled());
    }

private:
    /// Runs `request` through a dialog on the open recordings with the tiny model loaded; true when it says it exported.
    bool exportWith(const EmbeddingExportRequest& request) { return exportWith(request, *service_, QStringLiteral("tiny")); }

    /// The same on `service`, whose loaded model is `modelName` (empty: none).
    bool exportWith(const EmbeddingExportRequest& request, EmbeddingExportService& service, const QString& modelName) {
        ExportEmbeddingsDialog dialog(service, recordings_, modelName);
        dialog.setRequest(request);
        if (!dialog.exportButton()->isEnabled()) return false;
        dialog.exportButton()->click();
        if (!QTest::qWaitFor([&] { return dialog.exportButton()->isEnabled(); }, 60000)) return false;
        status_ = dialog.statusText();
        return status_.startsWith("Exported");
    }

    QTemporaryDir dir_;
    QStringList recordings_;
    std::unique_ptr<ModelService> models_;
    std::unique_ptr<EmbeddingExportService> service_;
    QString status_;
};

QTEST_MAIN(TestExportEmbeddingsDialog)
#include "tst_ExportEmbeddingsDialog.moc"
