#include "train/DistributedEnvironment.h"

#include <cstdlib>

#include "common/Errors.h"
#include "model/M2dsModel.h"

namespace m2ds {
namespace {

int integerVariable(const char* name, int fallback) {
    const char* text = std::getenv(name);
    if (!text || !*text) return fallback;
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value < 0 || value > 1000000) throw InvalidArgument(std::string("environment variable ") + name + "='" + text + "' is not a count");
    return static_cast<int>(value);
}

}  // namespace

DistributedEnvironment DistributedEnvironment::fromEnvironment() {
    DistributedEnvironment environment;
    const char* worldSize = std::getenv("WORLD_SIZE");
    environment.launched = worldSize && *worldSize;
    environment.worldSize = integerVariable("WORLD_SIZE", 1);
    environment.rank = integerVariable("RANK", 0);
    environment.localRank = integerVariable("LOCAL_RANK", environment.rank);
    environment.masterPort = integerVariable("MASTER_PORT", 29500);
    if (const char* address = std::getenv("MASTER_ADDR"); address && *address) environment.masterAddress = address;
    const char* agentStore = std::getenv("TORCHELASTIC_USE_AGENT_STORE");
    environment.agentStore = agentStore && std::string(agentStore) == "True";  // Python's str(True), as torchrun writes it
    environment.restartCount = integerVariable("TORCHELASTIC_RESTART_COUNT", 0);
    if (environment.worldSize < 1 || environment.rank >= environment.worldSize)
        throw InvalidArgument("RANK=" + std::to_string(environment.rank) + " is not below WORLD_SIZE=" + std::to_string(environment.worldSize));
    return environment;
}

std::string DistributedEnvironment::deviceFor(const std::string& requested) const {
    const std::string device = requested != "auto" ? requested : M2dsModel::cudaAvailable() ? "cuda" : "cpu";
    return device == "cuda" && launched ? "cuda:" + std::to_string(localRank) : device;
}

}  // namespace m2ds
