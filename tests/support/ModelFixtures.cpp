#include "ModelFixtures.h"

#include <QDir>

#include "TestData.h"
#include "common/NpyFile.h"

namespace m2ds::test {

QString tinyFixture(const QString& relative) { return sourcePath("tests/golden/model/tiny/" + relative); }

QString tinyCheckpoint() { return tinyFixture("m2d_s_vit_tiny-80x64p80x2-231125/checkpoint-3.pth"); }

QString presetsDirectory() { return sourcePath("models/presets"); }

QString modelFixtureDirectory() {
    const QString overridden = qEnvironmentVariable("M2DS_MODEL_FIXTURES");
    return overridden.isEmpty() ? tinyFixture("") : overridden;
}

QString modelFixtureCheckpoint() {
    const QDir directory(modelFixtureDirectory());
    for (const QString& folder : directory.entryList({"m2d*"}, QDir::Dirs))
        return directory.filePath(folder + "/checkpoint-3.pth");
    return directory.filePath("missing-checkpoint-folder/checkpoint-3.pth");
}

FloatArray modelArray(const QString& name) {
    return NpyFile::readFloat32(QDir(modelFixtureDirectory()).filePath(name + ".npy").toStdString());
}

FloatArray tinyArray(const QString& name) { return NpyFile::readFloat32(tinyFixture(name + ".npy").toStdString()); }

}  // namespace m2ds::test
