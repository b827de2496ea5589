#pragma once
#include <string>

namespace m2ds {

/// Lets the processes of one data-parallel job agree that rank 0 finished a step (e.g. preparing the data), through
/// the job's own rendezvous store, so a rank never acts on files left by an earlier run.
class RankCoordination {
public:
    virtual ~RankCoordination() = default;
    /// True on rank 0, which does the shared work.
    virtual bool isLeader() const = 0;
    /// Rank 0: marks `key` as done for this job.
    virtual void announce(const std::string& key) = 0;
    /// Other ranks: whether rank 0 announced `key` (non-blocking).
    virtual bool announced(const std::string& key) = 0;
};

}  // namespace m2ds
