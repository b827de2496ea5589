// Joining a job under torchrun's own TCPStore (TORCHELASTIC_USE_AGENT_STORE=True, the default of PyTorch >= 2.4's
// rendezvous): the agent already listens on MASTER_PORT, so rank 0 must join as a client like the others instead of
// binding that port (it failed with "Address already in use"), its keys under /worker/attempt_<restart>/ as
// torch.distributed's are. Two ranks as two threads (Gloo over 127.0.0.1), the agent's store served by the test.
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h>

#include <QtTest>
#include <chrono>
#include <future>

#include "common/Errors.h"
#include "train/DistributedEnvironment.h"
#include "train/ProcessGroupConnection.h"

using namespace m2ds;

namespace {

/// One rank of a two-rank job on the agent's store at `port`: sums [rank + 1] x 3 over the ranks; rank 0 announces.
at::Tensor sumAsRank(int rank, int port) {
    DistributedEnvironment environment;
    environment.rank = environment.localRank = rank;
    environment.worldSize = 2;
    environment.masterPort = port;
    environment.launched = environment.agentStore = true;
    environment.restartCount = 1;
    ProcessGroupConnection group(environment, false);
    at::Tensor values = torch::full({3}, double(rank + 1), torch::kFloat64);
    group.sumInPlace(values);
    if (group.isLeader()) group.announce("ready");
    return values;
}

}  // namespace

class TestProcessGroupConnection : public QObject {
    Q_OBJECT
private slots:
    void readsTorchrunsAgentStoreVariables() {
        qputenv("TORCHELASTIC_USE_AGENT_STORE", "True");
        qputenv("TORCHELASTIC_RESTART_COUNT", "2");
        const DistributedEnvironment agent = DistributedEnvironment::fromEnvironment();
        QVERIFY(agent.agentStore);
        QCOMPARE(agent.restartCount, 2);
        qputenv("TORCHELASTIC_USE_AGENT_STORE", "False");
        QVERIFY(!DistributedEnvironment::fromEnvironment().agentStore);
        qunsetenv("TORCHELASTIC_USE_AGENT_STORE");
        qunsetenv("TORCHELASTIC_RESTART_COUNT");
        const DistributedEnvironment plain = DistributedEnvironment::fromEnvironment();
        QVERIFY(!plain.agentStore);
        QCOMPARE(plain.restartCount, 0);
    }

    void bothRanksJoinTheAgentsStoreAsClients() {
        c10d::TCPStoreOptions options;
        options.port = 0;  // any free port, as torchrun's agent picks one
        options.isServer = true;
        options.waitWorkers = false;
        options.timeout = std::chrono::seconds(30);
        const auto agent = c10::make_intrusive<c10d::TCPStore>("127.0.0.1", options);
        const int port = agent->getPort();
        auto zero = std::async(std::launch::async, sumAsRank, 0, port);
        auto one = std::async(std::launch::async, sumAsRank, 1, port);
        try {
            const at::Tensor sums[] = {zero.get(), one.get()};
            for (const at::Tensor& sum : sums) QVERIFY2(torch::equal(sum, torch::full({3}, 3.0, torch::kFloat64)), "the ranks' sum is not 1 + 2");
        } catch (const Error& error) {
            if (std::string(error.what()).find("without a c10d backend") != std::string::npos) QSKIP("this LibTorch build has no Gloo headers");
            throw;
        }
        QVERIFY(agent->check({"/worker/attempt_1/m2ds/ready"}));
    }
};

QTEST_GUILESS_MAIN(TestProcessGroupConnection)
#include "tst_ProcessGroupConnection.moc"
