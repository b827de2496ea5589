#pragma once
// The tiny-geometry fixtures made by tests/golden/model/make_model_references.py.
#include <QString>

#include "common/FloatArray.h"

namespace m2ds::test {

/// tests/golden/model/tiny/<relative>.
QString tinyFixture(const QString& relative);
/// The reference folder a parity run uses: $M2DS_MODEL_FIXTURES (the ViT-Base run) or the tiny one.
QString modelFixtureDirectory();
/// The official-layout checkpoint inside modelFixtureDirectory() (the one subfolder's checkpoint-3.pth).
QString modelFixtureCheckpoint();
/// Reads <modelFixtureDirectory()>/<name>.npy.
FloatArray modelArray(const QString& name);
/// The official-layout tiny checkpoint (m2d_s_vit_tiny-80x64p80x2-231125/checkpoint-3.pth).
QString tinyCheckpoint();
/// models/presets.
QString presetsDirectory();
/// Reads tests/golden/model/tiny/<name>.npy.
FloatArray tinyArray(const QString& name);

}  // namespace m2ds::test
