#pragma once
// What the ui draws of a codebook's assignments: per recording, run-length segments of cluster ids; per cluster,
// how much of the audio it holds. Plain values, no core types.
#include <QHash>
#include <QString>
#include <memory>
#include <vector>

namespace m2ds {

/// A run of frames with the same nearest centroid, [start, end) seconds.
struct ClusterSegment {
    double start = 0.0;
    double end = 0.0;
    int cluster = 0;
    float distance = 0.0f;        ///< mean over the run of the Euclidean distance to its centroid
    float secondDistance = 0.0f;  ///< the same to the second-nearest centroid
};

/// One cluster's share of the assigned audio.
struct ClusterStatistics {
    int cluster = 0;
    long long frames = 0;
    double share = 0.0;            ///< of all frames, in [0, 1]
    double meanDurationSeconds = 0.0;  ///< mean segment length
    int segments = 0;
};

/// The assignments of one codebook to the open recordings.
struct ClusterTiers {
    QString name;         ///< e.g. "layer 6, k = 50" or the centroids file
    int clusterCount = 0;
    double framesPerSecond = 50.0;
    QHash<QString, std::vector<ClusterSegment>> segmentsByPath;  ///< recording path → its segments, in time order
    std::vector<ClusterStatistics> statistics;                   ///< by cluster id
    QStringList skipped;  ///< "FILE: reason" for recordings that gave no features
};

using ClusterTiersPtr = std::shared_ptr<const ClusterTiers>;

}  // namespace m2ds
