#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "features/FeatureSource.h"
#include "common/FloatArray.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

class CentroidSearch;

/// Per row: the nearest centroid and the squared distances to it and to the runner-up.
struct Assignments {
    std::vector<std::int32_t> labels;     ///< [n] nearest centroid id in [0, K)
    std::vector<float> distances;         ///< [n] squared distance to it
    std::vector<float> secondDistances;   ///< [n] squared distance to the second-nearest (+inf when K = 1)
};

/// Assigns feature rows to a codebook (learnt here, or someone else's centroids.npy from fairseq/sklearn/faiss),
/// block by block on the chosen device. Distances are ||x||² − 2x·c + ||c||² computed after subtracting the
/// centroids' mean from rows and centroids alike (which keeps float32 accurate for features far from the origin).
class ClusterAssigner {
public:
    /// rows: the block's assignments, for source rows [firstRow, firstRow + rows.labels.size()).
    using BlockCallback = std::function<void(std::size_t firstRow, const Assignments& rows)>;

    /// centroids: finite [K ≥ 1, D] float32; device: cpu | cuda | cuda:N; blockRows ≥ 1 rows per block.
    /// Throws InvalidArgument.
    explicit ClusterAssigner(const FloatArray& centroids, const std::string& device = "cpu", std::size_t blockRows = 16384);
    ~ClusterAssigner();
    /// Movable, not copyable.
    ClusterAssigner(ClusterAssigner&&) noexcept;
    ClusterAssigner& operator=(ClusterAssigner&&) noexcept;

    /// Centroids K.
    std::size_t clusterCount() const { return k_; }
    /// Columns D the features must have.
    std::size_t dimension() const { return d_; }

    /// Every row of `source` at once. Throws InputError when its D differs from the centroids' or a value is NaN/inf
    /// (naming the file and row), CancelledError when cancelled.
    Assignments assign(const FeatureSource& source, const ProgressMonitor& progress = {}) const;
    /// The same block by block, for sources too large to hold the labels of (e.g. when writing .km files as it goes).
    void forEachBlock(const FeatureSource& source, const BlockCallback& callback, const ProgressMonitor& progress = {}) const;

private:
    std::size_t k_ = 0, d_ = 0, blockRows_ = 0;
    std::vector<float> offset_;
    std::unique_ptr<CentroidSearch> search_;
};

}  // namespace m2ds
