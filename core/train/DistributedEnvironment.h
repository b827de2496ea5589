#pragma once
#include <string>

namespace m2ds {

/// Where this process sits in a data-parallel job, read from the variables `torchrun` and cluster launchers set
/// (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT, TORCHELASTIC_USE_AGENT_STORE,
/// TORCHELASTIC_RESTART_COUNT). Without them: a single process.
struct DistributedEnvironment {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    std::string masterAddress = "127.0.0.1";
    int masterPort = 29500;
    /// torchrun's agent already serves the job's TCPStore at MASTER_ADDR:MASTER_PORT (TORCHELASTIC_USE_AGENT_STORE=True:
    /// its static rendezvous, and since PyTorch 2.4 its default c10d one): every rank joins it as a client, its keys
    /// under /worker/attempt_<restartCount>/ as torch.distributed's are. Otherwise rank 0 hosts the store.
    bool agentStore = false;
    int restartCount = 0;  ///< TORCHELASTIC_RESTART_COUNT: how often torchrun restarted this job's processes

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
