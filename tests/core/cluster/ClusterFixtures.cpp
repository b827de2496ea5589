#include "ClusterFixtures.h"

#include <QDir>
#include <fstream>
#include <map>

#include "TestData.h"
#include "common/NpyFile.h"
#include "common/NpzFile.h"

namespace m2ds::test {

const FloatArray& kmeansReference(const std::string& name) {
    static const NpzFile::Arrays arrays = NpzFile::read(sourcePath("tests/golden/cluster/kmeans_references.npz").toStdString());
    return NpzFile::member(arrays, name, "kmeans_references.npz");
}

std::vector<std::int32_t> kmeansReferenceLabels(const std::string& name) {
    const FloatArray& values = kmeansReference(name);
    return std::vector<std::int32_t>(values.values.begin(), values.values.end());
}

std::vector<std::string> writeFeatureShards(const QString& dir, const FloatArray& features, const std::vector<std::size_t>& shardRows,
                                            std::size_t utteranceFrames) {
    const std::size_t d = features.shape[1];
    std::vector<std::string> paths;
    std::size_t first = 0;
    for (std::size_t shard = 0; shard < shardRows.size(); ++shard) {
        const std::string stem = QDir(dir).filePath(QString("train_%1_%2").arg(shard).arg(shardRows.size())).toStdString();
        NpyFile::writeFloat32(stem + ".npy", {shardRows[shard], d}, features.values.data() + first * d);
        std::ofstream lengths(stem + ".len");
        for (std::size_t done = 0; done < shardRows[shard]; done += utteranceFrames)
            lengths << std::min(utteranceFrames, shardRows[shard] - done) << "\n";
        paths.push_back(stem + ".npy");
        first += shardRows[shard];
    }
    return paths;
}

}  // namespace m2ds::test
