#include "train/ProcessGroupConnection.h"

#include <chrono>
#include <cstdlib>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef M2DS_WITH_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#include <torch/torch.h>
#include <torch/version.h>
#ifdef M2DS_WITH_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include "common/Errors.h"

namespace m2ds {
namespace {

// c10d's process-group classes derive from Backend since PyTorch 2.0, from ProcessGroup before.
#if TORCH_VERSION_MAJOR >= 2
using CollectiveGroup = c10d::Backend;
#else
using CollectiveGroup = c10d::ProcessGroup;
#endif

constexpr auto kTimeout = std::chrono::minutes(5);

c10::intrusive_ptr<c10d::Store> connectStore(const DistributedEnvironment& environment) {
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(environment.masterPort);
    options.isServer = environment.rank == 0 && !environment.agentStore;
    options.numWorkers = environment.worldSize;
    options.timeout = kTimeout;
    auto store = c10::make_intrusive<c10d::TCPStore>(environment.masterAddress, options);
    if (!environment.agentStore) return store;
    // torchrun's own store: this attempt's keys apart from the agent's and from an earlier attempt's.
    return c10::make_intrusive<c10d::PrefixStore>("/worker/attempt_" + std::to_string(environment.restartCount), store);
}

#ifdef M2DS_WITH_GLOO
/// The network device Gloo talks through, chosen as torch.distributed does: GLOO_SOCKET_IFNAME when set; loopback
/// when the whole job is on this machine; else the interface this host's name resolves to.
std::shared_ptr<::gloo::transport::Device> glooDevice(const DistributedEnvironment& environment) {
    if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
        return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
    const std::string& master = environment.masterAddress;
    if (master == "localhost" || master.rfind("127.", 0) == 0) return c10d::ProcessGroupGloo::createDeviceForHostname(master);
    return c10d::ProcessGroupGloo::createDefaultDevice();
}
#endif

}  // namespace

struct ProcessGroupConnection::Impl {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<CollectiveGroup> group;
    const char* backend = "gloo";
    int rank = 0;
};

ProcessGroupConnection::ProcessGroupConnection(const DistributedEnvironment& environment, bool cuda) : impl_(std::make_unique<Impl>()) {
    const std::string where = environment.masterAddress + ":" + std::to_string(environment.masterPort);
    impl_->rank = environment.rank;
    try {
        impl_->store = connectStore(environment);
#ifdef M2DS_WITH_NCCL
        if (cuda) {
            auto options = c10d::ProcessGroupNCCL::Options::create();
            impl_->group = c10::make_intrusive<c10d::ProcessGroupNCCL>(impl_->store, environment.rank, environment.worldSize, options);
            impl_->backend = "nccl";
            return;
        }
#endif
#ifdef M2DS_WITH_GLOO
        // Without NCCL, Gloo also reduces CUDA tensors (through host copies).
        auto options = c10d::ProcessGroupGloo::Options::create(kTimeout);
        options->devices.push_back(glooDevice(environment));
        impl_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, environment.rank, environment.worldSize, options);
#else
        throw Error(std::string("this m2ds was built without a c10d backend for ") + (cuda ? "CUDA (NCCL)" : "the CPU (Gloo headers, libgloo-dev)"));
#endif
    } catch (const std::exception& error) {
        throw Error("cannot join the process group at " + where + " as rank " + std::to_string(environment.rank) + " of " +
                    std::to_string(environment.worldSize) + ": " + error.what());
    }
}

ProcessGroupConnection::~ProcessGroupConnection() {
#if defined(M2DS_WITH_NCCL) && (TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 5))
    // What destroy_process_group() does: flush and close the communicators (NCCL warns about leaks otherwise).
    if (impl_ && impl_->group && std::string(impl_->backend) == "nccl") static_cast<c10d::ProcessGroupNCCL&>(*impl_->group).shutdown();
#endif
}

void ProcessGroupConnection::averageInPlace(const std::vector<at::Tensor>& tensors) {
    if (tensors.empty()) return;
    torch::NoGradGuard noGrad;
    std::vector<at::Tensor> flat{torch::cat([&] {
        std::vector<at::Tensor> pieces;
        for (const auto& tensor : tensors) pieces.push_back(tensor.reshape({-1}));
        return pieces;
    }())};
    impl_->group->allreduce(flat)->wait();
    flat[0].div_(impl_->group->getSize());
    int64_t offset = 0;
    for (const auto& tensor : tensors) {
        tensor.copy_(flat[0].slice(0, offset, offset + tensor.numel()).view_as(tensor));
        offset += tensor.numel();
    }
}

void ProcessGroupConnection::sumInPlace(at::Tensor& tensor) {
    std::vector<at::Tensor> one{tensor};
    impl_->group->allreduce(one)->wait();
}

void ProcessGroupConnection::broadcastFromRankZero(const std::vector<at::Tensor>& tensors) {
    torch::NoGradGuard noGrad;
    for (const auto& tensor : tensors) {
        std::vector<at::Tensor> one{tensor};
        impl_->group->broadcast(one)->wait();
    }
}

const char* ProcessGroupConnection::backend() const { return impl_->backend; }

bool ProcessGroupConnection::isLeader() const { return impl_->rank == 0; }

void ProcessGroupConnection::announce(const std::string& key) { impl_->store->set("m2ds/" + key, std::vector<uint8_t>{1}); }

bool ProcessGroupConnection::announced(const std::string& key) { return impl_->store->check({"m2ds/" + key}); }

}  // namespace m2ds
