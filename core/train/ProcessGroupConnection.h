#pragma once
// Internal to core/train (torch types).
#include <ATen/core/Tensor.h>
#include <memory>
#include <vector>

#include "train/DistributedEnvironment.h"
#include "train/RankCoordination.h"

namespace m2ds {

/// PyTorch's own c10d collectives for data-parallel training: a TCPStore rendezvous at MASTER_ADDR:MASTER_PORT
/// (rank 0 hosts it, or torchrun's agent: DistributedEnvironment::agentStore), then Gloo for CPU tensors or NCCL for
/// CUDA ones (when this LibTorch has NCCL).
class ProcessGroupConnection : public RankCoordination {
public:
    /// Blocks until all WORLD_SIZE processes joined (timeout 5 min); throws Error naming the address on failure.
    ProcessGroupConnection(const DistributedEnvironment& environment, bool cuda);
    ~ProcessGroupConnection() override;
    /// Averages the tensors over all processes in place (one flat all-reduce). All must be on one device, float32.
    void averageInPlace(const std::vector<at::Tensor>& tensors);
    /// Adds `tensor` (any dtype Gloo/NCCL reduce, e.g. float64) element-wise over all processes, in place.
    void sumInPlace(at::Tensor& tensor);
    /// Copies rank 0's tensors to every process in place.
    void broadcastFromRankZero(const std::vector<at::Tensor>& tensors);
    /// Short name of the backend in use: "gloo" or "nccl".
    const char* backend() const;
    bool isLeader() const override;
    /// Sets `key` in the job's TCPStore.
    void announce(const std::string& key) override;
    bool announced(const std::string& key) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace m2ds
