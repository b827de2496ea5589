#pragma once
// Shared by the probe tests: the scikit-learn references (tests/golden/probe/make_probe_references.py) as core types.
#include <QString>
#include <string>
#include <vector>

#include "analysis/LinearReadout.h"
#include "common/Errors.h"
#include "common/FloatArray.h"

namespace m2ds::test {

/// An array of tests/golden/probe/probe_references.npz (read once); throws InputError when it is missing.
const FloatArray& probeReference(const std::string& name);
/// A 2-D reference array as a RowMatrix; a 3-D one [L, n, d] as its L matrices.
RowMatrix probeMatrix(const std::string& name);
std::vector<RowMatrix> probeLayers(const std::string& name);
/// An integer reference array (labels, folds).
std::vector<int> probeIntegers(const std::string& name);

/// The message of the InvalidArgument that `call` throws; empty when it throws none.
template <typename Call>
QString errorOf(Call call) {
    try {
        call();
    } catch (const InvalidArgument& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

}  // namespace m2ds::test
