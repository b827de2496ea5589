// File ▸ Export Embeddings… offscreen with the tiny model: the dialog writes each format (CSV, NPY + index CSV, a
// TensorBoard projector folder) with its provenance sidecar, for open recordings and for a labelled set whose labels
// reach the projector's metadata; without an output path Export stays disabled, and a bad layer list is one line.
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include "LabelledRecordings.h"
#include "ModelFixtures.h"
#include "TestData.h"
#include "dialogs/ExportEmbeddingsDialog.h"
#include "jobs/EmbeddingExportService.h"
#include "jobs/ModelService.h"

using namespace m2ds;

namespace {

QStringList linesOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
    return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
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

private:
    /// Runs `request` through a dialog on the open recordings; true when it says it exported.
    bool exportWith(const EmbeddingExportRequest& request) {
        ExportEmbeddingsDialog dialog(*service_, recordings_, QStringLiteral("tiny"));
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
