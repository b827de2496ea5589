#include "ModelFixtures.h"

#include "TestData.h"
#include "common/NpyFile.h"

namespace m2ds::test {

QString tinyFixture(const QString& relative) { return sourcePath("tests/golden/model/tiny/" + relative); }

QString tinyCheckpoint() { return tinyFixture("m2d_s_vit_tiny-80x64p80x2-231125/checkpoint-3.pth"); }

QString presetsDirectory() { return sourcePath("models/presets"); }

FloatArray tinyArray(const QString& name) { return NpyFile::readFloat32(tinyFixture(name + ".npy").toStdString()); }

}  // namespace m2ds::test
