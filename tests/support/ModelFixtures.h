#pragma once
// The tiny-geometry fixtures made by tests/golden/model/make_model_references.py.
#include <QString>

#include "common/FloatArray.h"

namespace m2ds::test {

/// tests/golden/model/tiny/<relative>.
QString tinyFixture(const QString& relative);
/// The official-layout tiny checkpoint (m2d_s_vit_tiny-80x64p80x2-231125/checkpoint-3.pth).
QString tinyCheckpoint();
/// models/presets.
QString presetsDirectory();
/// Reads tests/golden/model/tiny/<name>.npy.
FloatArray tinyArray(const QString& name);

}  // namespace m2ds::test
