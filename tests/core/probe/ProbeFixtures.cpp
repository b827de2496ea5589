#include "ProbeFixtures.h"

#include "TestData.h"
#include "common/NpzFile.h"

namespace m2ds::test {

const FloatArray& probeReference(const std::string& name) {
    static const NpzFile::Arrays arrays = NpzFile::read(sourcePath("tests/golden/probe/probe_references.npz").toStdString());
    return NpzFile::member(arrays, name, "probe_references.npz");
}

RowMatrix probeMatrix(const std::string& name) {
    const FloatArray& array = probeReference(name);
    return RowMatrix{array.shape.at(0), array.shape.at(1), array.values};
}

std::vector<RowMatrix> probeLayers(const std::string& name) {
    const FloatArray& array = probeReference(name);
    const std::size_t n = array.shape.at(1), d = array.shape.at(2);
    std::vector<RowMatrix> layers;
    for (std::size_t l = 0; l < array.shape.at(0); ++l)
        layers.push_back(RowMatrix{n, d, std::vector<float>(array.values.begin() + std::ptrdiff_t(l * n * d), array.values.begin() + std::ptrdiff_t((l + 1) * n * d))});
    return layers;
}

std::vector<int> probeIntegers(const std::string& name) {
    const FloatArray& array = probeReference(name);
    return std::vector<int>(array.values.begin(), array.values.end());
}

}  // namespace m2ds::test
