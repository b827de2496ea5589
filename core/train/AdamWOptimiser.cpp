#include "train/AdamWOptimiser.h"

#include <cmath>
#include <torch/torch.h>

#include "common/Errors.h"
#include "common/TextUtilities.h"
#include "model/TensorConversion.h"

namespace m2ds {

AdamWOptimiser::AdamWOptimiser(const std::vector<std::pair<std::string, at::Tensor>>& namedParameters, double weightDecay, double beta1,
                               double beta2, double epsilon)
    : beta1_(beta1), beta2_(beta2), epsilon_(epsilon) {
    for (const auto& [name, parameter] : namedParameters) {
        if (!parameter.requires_grad()) continue;
        const bool decays = parameter.dim() > 1 && !endsWith(name, ".bias");
        slots_.push_back({name, parameter, torch::zeros_like(parameter), torch::zeros_like(parameter), decays ? weightDecay : 0.0});
    }
}

void AdamWOptimiser::step(double lr) {
    torch::NoGradGuard noGrad;
    ++steps_;
    const double correction1 = 1.0 - std::pow(beta1_, static_cast<double>(steps_));
    const double correction2Sqrt = std::sqrt(1.0 - std::pow(beta2_, static_cast<double>(steps_)));
    for (Slot& slot : slots_) {
        const at::Tensor& grad = slot.parameter.grad();
        if (!grad.defined()) continue;
        slot.parameter.mul_(1.0 - lr * slot.weightDecay);
        slot.expAvg.mul_(beta1_).add_(grad, 1.0 - beta1_);
        slot.expAvgSq.mul_(beta2_).addcmul_(grad, grad, 1.0 - beta2_);
        const auto denominator = (slot.expAvgSq.sqrt() / correction2Sqrt).add_(epsilon_);
        slot.parameter.addcdiv_(slot.expAvg, denominator, -lr / correction1);
    }
}

void AdamWOptimiser::zeroGrad() {
    for (Slot& slot : slots_)
        if (slot.parameter.grad().defined()) slot.parameter.mutable_grad().zero_();
}

std::vector<at::Tensor> AdamWOptimiser::parameters() const {
    std::vector<at::Tensor> parameters;
    for (const Slot& slot : slots_) parameters.push_back(slot.parameter);
    return parameters;
}

StateDict AdamWOptimiser::state() const {
    StateDict state;
    for (const Slot& slot : slots_) {
        state.emplace_back("optimizer.exp_avg." + slot.name, toFloatArray(slot.expAvg));
        state.emplace_back("optimizer.exp_avg_sq." + slot.name, toFloatArray(slot.expAvgSq));
    }
    return state;
}

void AdamWOptimiser::restore(const StateDict& state, std::int64_t steps) {
    torch::NoGradGuard noGrad;
    auto find = [&](const std::string& key, const at::Tensor& like) {
        for (const auto& [name, array] : state)
            if (name == key) {
                const auto tensor = toTensor(array);
                if (tensor.sizes() != like.sizes()) throw InvalidArgument("optimiser state '" + key + "' has the wrong shape");
                return tensor.to(like.device());
            }
        throw InvalidArgument("optimiser state lacks '" + key + "'");
    };
    for (Slot& slot : slots_) {
        slot.expAvg.copy_(find("optimizer.exp_avg." + slot.name, slot.expAvg));
        slot.expAvgSq.copy_(find("optimizer.exp_avg_sq." + slot.name, slot.expAvgSq));
    }
    steps_ = steps;
}

}  // namespace m2ds
