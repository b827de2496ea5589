#pragma once
#include <memory>
#include <string>
#include <vector>

namespace m2ds {

/// How the processes of one k-means job combine their partial sums: each process handles its share of every
/// mini-batch and of the final pass, and the float64 sums, counts and inertia are added up over all of them, so
/// every process applies the same update and ends with the same codebook. `m2ds prepare` combines its processes'
/// shares of a corpus through it too.
class ClusterCollective {
public:
    /// Polymorphic base.
    virtual ~ClusterCollective();
    /// This process, in [0, worldSize()).
    virtual int rank() const = 0;
    /// Processes of the job.
    virtual int worldSize() const = 0;
    /// Adds `values` element-wise over the processes, in place (all pass the same length).
    virtual void sumInPlace(std::vector<double>& values) = 0;
    /// Blocks until rank 0 has announced `key` in the job (rank 0: announces it).
    virtual void waitForRankZero(const std::string& key) = 0;
    /// Blocks, without a time limit (a share may take hours), until every process reached `key`.
    virtual void waitForEveryRank(const std::string& key) = 0;

    /// The job of the processes torchrun (or a scheduler) launched, read from RANK, WORLD_SIZE, MASTER_ADDR and
    /// MASTER_PORT, joined over c10d (Gloo); null when this process was not launched as part of one. Throws Error when
    /// the job cannot be joined.
    static std::unique_ptr<ClusterCollective> fromEnvironment();
};

}  // namespace m2ds
