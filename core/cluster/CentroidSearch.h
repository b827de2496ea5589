#pragma once
// Internal to core/cluster: torch stays behind this interface.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace m2ds {

/// Nearest centroid of each row, with squared distances ||x||² − 2x·c + ||c||² from one LibTorch matmul per chunk
/// of rows on the chosen device (CPU always; CUDA when LibTorch has it). Rows and centroids are float32 in one
/// coordinate frame (the callers subtract their offset first).
class CentroidSearch {
public:
    /// device: cpu | cuda | cuda:N; dimension: D of every row and centroid. Throws InvalidArgument.
    CentroidSearch(const std::string& device, std::size_t dimension);
    ~CentroidSearch();
    /// Movable, not copyable.
    CentroidSearch(CentroidSearch&&) noexcept;
    CentroidSearch& operator=(CentroidSearch&&) noexcept;

    /// Uploads k centroids [k, D] float32 (row-major), replacing the previous ones; k ≥ 1.
    void setCentroids(const float* centroids, std::size_t k);
    /// The same from float64 values [k, D] (rounded to float32).
    void setCentroids(const std::vector<double>& centroids);
    /// Centroids uploaded last.
    std::size_t centroidCount() const;
    /// For rows [count, D] float32: the nearest centroid id (an exact tie goes to either), its squared distance
    /// (≥ 0) and, if `second` is not null, the second-nearest squared distance (+inf with one centroid).
    /// labels and distances may be null too.
    void nearest(const float* rows, std::size_t count, std::int32_t* labels, float* distances, float* second = nullptr) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace m2ds
