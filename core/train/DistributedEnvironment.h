#pragma once
#include <string>

namespace m2ds {

/// Where this process sits in a data-parallel job, read from the variables `torchrun` and cluster launchers set
/// (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT). Without them: a single process.
struct DistributedEnvironment {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    std::string masterAddress = "127.0.0.1";
    int masterPort = 29500;

    bool launched = false;  ///< started by torchrun or a scheduler (WORLD_SIZE set), even as a single process

    /// True when this process must join a process group: launched with WORLD_SIZE (1 included, as torchrun
    /// --nproc_per_node=1 does; the collectives are then trivial but the backend is exercised).
    bool distributed() const { return launched; }
    /// The device this process computes on for a requested one: "auto" → CUDA when there is a device, else "cpu";
    /// plain "cuda" in a launched job → "cuda:LOCAL_RANK" (one GPU per process); anything else as given.
    std::string deviceFor(const std::string& requested) const;
    /// Throws InvalidArgument naming the variable whose value is malformed or inconsistent.
    static DistributedEnvironment fromEnvironment();
};

}  // namespace m2ds
