// Fuzz target: the training JSON of a checkpoint's header, as resuming reads it: TrainConfig::fromJson and its
// validation (m2ds.train_config), TrainingState::fromJson (m2ds.training_state), each on the same bytes.
#include "FuzzInput.h"
#include "train/TrainConfig.h"
#include "train/TrainingState.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = m2ds::fuzz::bytes(data, size);
    m2ds::fuzz::expectInvalidArgument([&] { m2ds::TrainConfig::fromJson(text).validate(); });
    m2ds::fuzz::expectInvalidArgument([&] { m2ds::TrainingState::fromJson(text); });
    return 0;
}
