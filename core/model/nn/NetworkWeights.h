#pragma once
// Internal to core: copying named weights into a network.
#include "model/StateDict.h"
#include "model/nn/M2dsNetwork.h"

namespace m2ds::nn {

/// Keys of the predictor, target encoder and offline head (absent from encoder-only models).
bool isTrainingPart(const std::string& name);

/// Every parameter of the network (fixed position tables included) in official order, copied to float32 CPU arrays.
StateDict collectWeights(M2dsNetworkImpl& network);

/// Copies every weight into the parameter of the same name ("norm_stats" and, when `skipTrainingParts`, the
/// training parts are ignored); throws InvalidArgument naming an unknown key, a wrong shape or a missing key.
void assignWeights(M2dsNetworkImpl& network, const StateDict& weights, bool skipTrainingParts);

}  // namespace m2ds::nn
