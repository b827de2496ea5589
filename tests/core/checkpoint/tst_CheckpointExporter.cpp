// Our safetensors file and the exported .pth round-trip the weights and the geometry.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "ModelFixtures.h"
#include "TestData.h"
#include "checkpoint/CheckpointExporter.h"
#include "checkpoint/CheckpointImporter.h"
#include "checkpoint/PthArchive.h"
#include "checkpoint/SafetensorsFile.h"
#include "common/Errors.h"
#include "model/ModelPresets.h"

using namespace m2ds;

namespace {

std::string readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

}  // namespace

class TestCheckpointExporter : public QObject {
    Q_OBJECT
private slots:
    void safetensorsRoundTripKeepsWeightsAndGeometry() {
        const CheckpointImporter importer(ModelPresets::loadDirectory(test::presetsDirectory().toStdString()));
        ImportedCheckpoint original = importer.read(test::tinyCheckpoint().toStdString());
        original.config.normMean = -10.43f;
        original.config.normStd = 4.24f;
        QTemporaryDir dir;
        const std::string path = dir.filePath("tiny.safetensors").toStdString();
        CheckpointExporter::writeSafetensors(path, original.config, original.weights, R"({"source":"test"})");
        const ImportedCheckpoint back = importer.read(path);
        QCOMPARE(back.format, std::string("safetensors"));
        QCOMPARE(back.config.toJson(), original.config.toJson());
        QVERIFY(back.normStatsFromFile);
        QCOMPARE(CheckpointImporter().read(path).config.heads, 4);  // from the header, with no presets at hand
        QCOMPARE(back.provenanceJson, std::string(R"({"source":"test"})"));
        QCOMPARE(back.weights.size(), original.weights.size());
        for (std::size_t i = 0; i < back.weights.size(); ++i) {
            QCOMPARE(back.weights[i].first, original.weights[i].first);
            QCOMPARE(back.weights[i].second.shape, original.weights[i].second.shape);
            QCOMPARE(back.weights[i].second.values, original.weights[i].second.values);
        }
    }

    void exportedPthImportsWithTheSameWeights() {
        const CheckpointImporter importer(ModelPresets::loadDirectory(test::presetsDirectory().toStdString()));
        const ImportedCheckpoint original = importer.read(test::tinyCheckpoint().toStdString());
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("m2d_s_vit_tiny-80x64p80x2-251125"));
        const std::string path = dir.filePath("m2d_s_vit_tiny-80x64p80x2-251125/weights.pth").toStdString();
        CheckpointExporter::writePth(path, original.weights);
        const ImportedCheckpoint back = importer.read(path);
        QCOMPARE(back.config.toJson(), original.config.toJson());
        for (std::size_t i = 0; i < back.weights.size(); ++i) QCOMPARE(back.weights[i].second.values, original.weights[i].second.values);
    }

    void bothFormatsReadTheSameFromMemory() {
        const StateDict weights = CheckpointImporter().read(test::tinyCheckpoint().toStdString()).weights;
        QTemporaryDir dir;
        const QString safetensors = dir.filePath("tiny.safetensors"), pth = dir.filePath("tiny.pth");
        SafetensorsFile::write(safetensors.toStdString(), weights, {{"note", "memory"}});
        CheckpointExporter::writePth(pth.toStdString(), weights);
        std::map<std::string, std::string> metadata;
        const StateDict fromMemory = SafetensorsFile::decode("upload.safetensors", readAll(safetensors), &metadata);
        QCOMPARE(metadata.at("note"), std::string("memory"));
        const PthArchive archive("upload.pth", readAll(pth));
        QCOMPARE(fromMemory.size(), weights.size());
        for (std::size_t i = 0; i < weights.size(); ++i) {
            QCOMPARE(fromMemory[i].second.values, weights[i].second.values);
            const PickleRef tensor = archive.root()->find("model")->find(weights[i].first);
            QVERIFY(tensor);
            QCOMPARE(archive.readTensor(*tensor, weights[i].first).values, weights[i].second.values);
        }
        try {
            PthArchive("upload.pth", readAll(pth).substr(100));
            QFAIL("a cut archive was accepted");
        } catch (const InputError& error) {
            QCOMPARE(error.path(), std::string("upload.pth"));
        }
    }

    void archivesLibTorchCannotOpenAreInputErrors_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");
        const QString notPth = "upload.pth: not a PyTorch checkpoint";
        QTest::newRow("version beyond 64 bits (LibTorch's std::stoull threw)") << "seed-version-out-of-range.pth" << notPth;
        QTest::newRow("version not a number") << "seed-version-not-a-number.pth" << notPth;
        QTest::newRow("version newer than LibTorch reads") << "seed-version-too-new.pth" << notPth;
        QTest::newRow("no version record") << "seed-no-version.pth" << notPth;
        QTest::newRow("no records for us, some for miniz (front() of none)") << "regression-no-entries-for-us.pth" << notPth;
        QTest::newRow("a stored data.pkl declaring 4 GB (LibTorch allocated it)") << "regression-stored-record-declares-4-gb.pth"
                                                                                   << "upload.pth: record 'data.pkl' declares";
        QTest::newRow("a stored version record declaring 4 GB (LibTorch's constructor allocated it)")
            << "regression-stored-version-declares-4-gb.pth" << notPth;
    }
    void archivesLibTorchCannotOpenAreInputErrors() {
        QFETCH(QString, file);
        QFETCH(QString, reason);
        try {
            PthArchive("upload.pth", readAll(test::sourcePath("tests/fuzz/corpus/pth/" + file)));
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).startsWith(reason), error.what());
        }
    }

    void oddTrainingStatesStillImport() {
        // The epoch shown comes from m2ds.training_state; odd values there leave it unknown, they do not throw.
        const ImportedCheckpoint tiny = CheckpointImporter().read(test::tinyCheckpoint().toStdString());
        QTemporaryDir dir;
        const std::string path = dir.filePath("odd.safetensors").toStdString();
        for (const char* state : {R"({"next_epoch": 3, "next_step": "x"})", R"({"next_epoch": 3, "next_step": 1e300})",
                                  R"({"next_epoch": 1e300})", R"({"next_epoch": 99999999999})", "[1]", "not json"}) {
            SafetensorsFile::write(path, tiny.weights, {{"m2ds.training_state", state}});
            const ImportedCheckpoint back = CheckpointImporter().read(path);
            QVERIFY2(back.epoch == 3 || back.epoch == -1, state);
        }
    }

    void corruptSafetensorsNameTheProblem() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.safetensors").toStdString();
        FloatArray small{{2}, {1.0f, 2.0f}};
        SafetensorsFile::write(path, {{"a", small}}, {});
        QFile file(QString::fromStdString(path));
        QVERIFY(file.resize(file.size() - 4));  // cut into the data
        try {
            SafetensorsFile::read(path);
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("tensor 'a' data [0, 8) lies outside the 4 data bytes"), error.what());
        }
        QFile header(dir.filePath("header.safetensors"));
        QVERIFY(header.open(QIODevice::WriteOnly));
        header.write(QByteArray("\xff\xff\xff\xff\xff\xff\x00\x00", 8) + "{}");
        header.close();
        QVERIFY_THROWS_EXCEPTION(InputError, SafetensorsFile::read(header.fileName().toStdString()));
        try {  // data_offsets of 1e93 (found by fuzz_safetensors: its cast to uint64 was undefined)
            SafetensorsFile::decode("upload.safetensors", readAll(test::sourcePath("tests/fuzz/corpus/safetensors/regression-float-data-offset.safetensors")));
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("is malformed") && QString(error.what()).contains("does not fit"), error.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestCheckpointExporter)
#include "tst_CheckpointExporter.moc"
