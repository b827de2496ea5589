#include "train/LossScaler.h"

#include <torch/torch.h>

namespace m2ds {

LossScaler::LossScaler(bool enabled, const at::Device& device)
    : enabled_(enabled),
      scale_(torch::full({1}, 65536.0, torch::TensorOptions().dtype(torch::kFloat).device(device))),
      growthTracker_(torch::zeros({1}, torch::TensorOptions().dtype(torch::kInt).device(device))),
      foundInfinite_(torch::zeros({1}, torch::TensorOptions().dtype(torch::kFloat).device(device))) {}

at::Tensor LossScaler::scale(const at::Tensor& loss) const { return enabled_ ? loss * scale_.to(loss.scalar_type()) : loss; }

bool LossScaler::unscale(const std::vector<at::Tensor>& gradients) {
    if (!enabled_) return false;
    foundInfinite_.zero_();
    at::_amp_foreach_non_finite_check_and_unscale_(gradients, foundInfinite_, scale_.to(torch::kDouble).reciprocal().to(torch::kFloat));
    return foundInfinite_.item<float>() > 0.0f;
}

void LossScaler::update(bool foundInfinite) {
    if (!enabled_) return;
    foundInfinite_.fill_(foundInfinite ? 1.0 : 0.0);
    at::_amp_update_scale_(scale_, growthTracker_, foundInfinite_, 2.0, 0.5, 2000);
}

double LossScaler::scaleValue() const { return enabled_ ? scale_.item<double>() : 1.0; }
int LossScaler::growthTracker() const { return enabled_ ? growthTracker_.item<int>() : 0; }

void LossScaler::restore(double scale, int growthTracker) {
    if (!enabled_) return;
    scale_.fill_(scale);
    growthTracker_.fill_(growthTracker);
}

}  // namespace m2ds
