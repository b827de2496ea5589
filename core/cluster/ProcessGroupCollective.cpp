#include <chrono>
#include <thread>
#include <torch/torch.h>

#include "cluster/ClusterCollective.h"
#include "train/DistributedEnvironment.h"
#include "train/ProcessGroupConnection.h"

namespace m2ds {
namespace {

/// c10d's collectives (the connection training uses) over float64 host vectors.
class ProcessGroupCollective : public ClusterCollective {
public:
    explicit ProcessGroupCollective(const DistributedEnvironment& environment)
        : environment_(environment), group_(environment, false) {}

    int rank() const override { return environment_.rank; }
    int worldSize() const override { return environment_.worldSize; }

    void sumInPlace(std::vector<double>& values) override {
        if (values.empty()) return;
        at::Tensor tensor = torch::from_blob(values.data(), {static_cast<std::int64_t>(values.size())}, torch::kFloat64);
        group_.sumInPlace(tensor);
    }

    void waitForRankZero(const std::string& key) override {
        if (group_.isLeader()) return group_.announce(key);
        while (!group_.announced(key)) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }

    void waitForEveryRank(const std::string& key) override {
        group_.announce(key + "/" + std::to_string(rank()));
        for (int other = 0; other < worldSize(); ++other)
            while (!group_.announced(key + "/" + std::to_string(other))) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }

private:
    DistributedEnvironment environment_;
    ProcessGroupConnection group_;
};

}  // namespace

ClusterCollective::~ClusterCollective() = default;

std::unique_ptr<ClusterCollective> ClusterCollective::fromEnvironment() {
    const DistributedEnvironment environment = DistributedEnvironment::fromEnvironment();
    if (!environment.distributed()) return nullptr;
    return std::make_unique<ProcessGroupCollective>(environment);
}

}  // namespace m2ds
