#include "train/TrainingEngine.h"

#include <cmath>
#include <sys/resource.h>
#include <torch/torch.h>
#ifdef M2DS_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

#include "common/Errors.h"
#include "model/TensorConversion.h"
#include "model/nn/M2dsNetwork.h"
#include "model/nn/NetworkWeights.h"
#include "train/AdamWOptimiser.h"
#include "train/AutocastScope.h"
#include "train/LossScaler.h"
#include "train/ProcessGroupConnection.h"

namespace m2ds {
namespace {

torch::Device resolveDevice(const std::string& name) {
    try {
        torch::Device device(name);
        if (device.is_cuda() && !torch::cuda::is_available())
            throw InvalidArgument("device '" + name + "' requested but this LibTorch has no usable CUDA device");
        if (device.is_cuda() && !device.has_index()) device.set_index(0);
        return device;
    } catch (const c10::Error&) {
        throw InvalidArgument("unknown device '" + name + "' (use cpu, cuda or cuda:N)");
    }
}

std::vector<std::pair<std::string, at::Tensor>> namedParameters(nn::M2dsNetworkImpl& network) {
    std::vector<std::pair<std::string, at::Tensor>> named;
    for (const auto& item : network.named_parameters()) named.emplace_back(item.key(), item.value());
    return named;
}

at::Tensor onDevice(const std::vector<float>& values, std::vector<int64_t> shape, const torch::Device& device) {
    return torch::from_blob(const_cast<float*>(values.data()), shape, torch::kFloat).to(device, /*non_blocking=*/false, /*copy=*/true);
}

}  // namespace

struct TrainingEngine::Impl {
    Impl(const ModelConfig& config, const EngineSettings& engineSettings)
        : settings(engineSettings), device(resolveDevice(engineSettings.device)), network(config, /*withTrainingParts=*/true) {
        if (settings.precision != "none" && !device.is_cuda())
            throw InvalidArgument("mixed precision (" + settings.precision + ") needs a CUDA device; use --amp none on the CPU");
    }
    void createOptimiser() {
        network->to(device);
        network->train();
        optimiser = std::make_unique<AdamWOptimiser>(namedParameters(*network), settings.weightDecay, settings.beta1, settings.beta2,
                                                     settings.adamEpsilon);
        scaler = std::make_unique<LossScaler>(settings.precision == "fp16", device);
    }

    EngineSettings settings;
    torch::Device device;
    nn::M2dsNetwork network;
    std::unique_ptr<AdamWOptimiser> optimiser;
    std::unique_ptr<LossScaler> scaler;
    std::shared_ptr<ProcessGroupConnection> group;
};

TrainingEngine::TrainingEngine(const ModelConfig& config, const EngineSettings& settings, std::uint64_t seed)
    : impl_((torch::manual_seed(seed), std::make_unique<Impl>(config, settings))) {  // seeded before the default inits run
    impl_->network->initialiseWeights();
    impl_->createOptimiser();
}

TrainingEngine::~TrainingEngine() = default;

void TrainingEngine::useProcessGroup(std::shared_ptr<ProcessGroupConnection> group) {
    impl_->group = std::move(group);
    std::vector<at::Tensor> all;
    for (const auto& parameter : impl_->network->parameters()) all.push_back(parameter);
    impl_->group->broadcastFromRankZero(all);
}

void TrainingEngine::loadWeights(const StateDict& weights) {
    impl_->network->to(torch::kCPU);
    nn::assignWeights(*impl_->network, weights, /*skipTrainingParts=*/false);
    impl_->createOptimiser();
}

void TrainingEngine::loadOptimiserState(const StateDict& state, std::int64_t updates, double lossScale, int growthTracker) {
    impl_->optimiser->restore(state, updates);
    impl_->scaler->restore(lossScale, growthTracker);
}

StepLosses TrainingEngine::forwardBackward(const TrainingBatch& batch, const FloatArray& noise) {
    auto& network = *impl_->network;
    const auto B = static_cast<int64_t>(batch.size);
    const auto x = onDevice(batch.inputs, {B, 1, static_cast<int64_t>(batch.melCount), static_cast<int64_t>(batch.frames)}, impl_->device);
    const auto noiseTensor = toTensor(noise).to(impl_->device);
    const int64_t visible = static_cast<int64_t>(network.config().tokens() * (1.0 - impl_->settings.maskRatio));
    torch::Tensor loss, lossM2d, lossOffline;
    {
        const bool amp = impl_->settings.precision != "none";
        AutocastScope autocast(amp, impl_->settings.precision == "bf16" ? at::kBFloat16 : at::kHalf);
        const nn::MaskedForward out = network.forwardMasked(x, noiseTensor, visible);
        lossM2d = out.lossM2d.to(torch::kFloat);
        lossOffline = torch::zeros({}, lossM2d.options());
        if (batch.teacherDim > 0 && out.offline.defined()) {
            const auto teacher = onDevice(batch.teacher, {B, static_cast<int64_t>(batch.teacherFrames), static_cast<int64_t>(batch.teacherDim)}, impl_->device);
            lossOffline = nn::normMse(teacher, out.offline.to(torch::kFloat)).mean();
        }
        loss = impl_->settings.lossM2d * lossM2d + impl_->settings.lossOff * lossOffline;
    }
    const auto values = torch::stack({loss.detach(), lossM2d.detach(), lossOffline.detach()}).to(torch::kCPU, torch::kDouble);
    StepLosses losses{values[0].item<double>(), values[1].item<double>(), values[2].item<double>()};
    if (!std::isfinite(losses.loss)) nonFiniteSeen_ = true;
    cycleSums_.loss += losses.loss;
    cycleSums_.lossM2d += losses.lossM2d;
    cycleSums_.lossOffline += losses.lossOffline;
    ++cyclePasses_;
    impl_->scaler->scale(loss / impl_->settings.accumIter).backward();
    return losses;
}

UpdateOutcome TrainingEngine::update(double lr, double emaDecay, bool stopRequested) {
    auto& optimiser = *impl_->optimiser;
    std::vector<at::Tensor> gradients;
    for (const auto& parameter : optimiser.parameters())
        if (parameter.grad().defined()) gradients.push_back(parameter.grad());
    UpdateOutcome outcome;
    // Flags and the cycle's mean losses travel with the gradients, so every process agrees on them.
    const double passes = std::max(1, cyclePasses_);
    auto shared = torch::tensor({nonFiniteSeen_ ? 1.0 : 0.0, stopRequested ? 1.0 : 0.0, cycleSums_.loss / passes, cycleSums_.lossM2d / passes,
                                 cycleSums_.lossOffline / passes}, torch::TensorOptions().dtype(torch::kFloat).device(impl_->device));
    if (impl_->group) {
        std::vector<at::Tensor> reduced = gradients;
        reduced.push_back(shared);
        impl_->group->averageInPlace(reduced);
    }
    const auto values = shared.to(torch::kCPU, torch::kDouble);
    outcome.nonFinite = values[0].item<double>() > 0.0 || !std::isfinite(values[2].item<double>());
    outcome.stopRequested = values[1].item<double>() > 0.0;
    outcome.meanLosses = impl_->group ? StepLosses{values[2].item<double>(), values[3].item<double>(), values[4].item<double>()}
                                      : StepLosses{cycleSums_.loss / passes, cycleSums_.lossM2d / passes, cycleSums_.lossOffline / passes};
    nonFiniteSeen_ = false;
    cycleSums_ = StepLosses{};
    cyclePasses_ = 0;
    const bool overflow = impl_->scaler->unscale(gradients);
    outcome.gradNorm = torch::nn::utils::clip_grad_norm_(optimiser.parameters(), impl_->settings.clipGrad);
    outcome.skipped = overflow;
    if (!overflow && !outcome.nonFinite) optimiser.step(lr);
    impl_->scaler->update(overflow);
    optimiser.zeroGrad();
    if (!outcome.nonFinite) impl_->network->emaUpdate(emaDecay);
    return outcome;
}

double TrainingEngine::rankMe(const std::vector<float>& inputs, std::size_t count) const {
    auto& network = *impl_->network;
    const ModelConfig& config = network.config();
    torch::NoGradGuard noGrad;
    const int64_t perInput = static_cast<int64_t>(config.inputFrequency) * config.inputFrames;
    std::vector<at::Tensor> embeddings;
    for (std::size_t first = 0; first < count; first += 64) {
        const auto chunk = static_cast<int64_t>(std::min<std::size_t>(64, count - first));
        const auto x = torch::from_blob(const_cast<float*>(inputs.data()) + static_cast<int64_t>(first) * perInput,
                                        {chunk, 1, config.inputFrequency, config.inputFrames}, torch::kFloat)
                           .to(impl_->device);
        embeddings.push_back(network.encodeLayers(x, config.depth).back().mean(1).to(torch::kCPU, torch::kFloat));
    }
    const auto singular = torch::linalg_svdvals(torch::cat(embeddings).to(torch::kDouble));
    const auto p = singular / singular.sum() + 1e-7;
    return std::exp(-(p * p.log()).sum().item<double>());
}

const ModelConfig& TrainingEngine::config() const { return impl_->network->config(); }

StateDict TrainingEngine::weights() const {
    return nn::collectWeights(*impl_->network);
}

StateDict TrainingEngine::optimiserState() const { return impl_->optimiser->state(); }
std::int64_t TrainingEngine::optimiserUpdates() const { return impl_->optimiser->steps(); }
double TrainingEngine::lossScale() const { return impl_->scaler->scaleValue(); }
int TrainingEngine::lossScaleGrowthTracker() const { return impl_->scaler->growthTracker(); }
std::string TrainingEngine::device() const { return impl_->device.str(); }

std::int64_t TrainingEngine::trainableParameters() const {
    std::int64_t count = 0;
    for (const auto& parameter : impl_->optimiser->parameters()) count += parameter.numel();
    return count;
}

double TrainingEngine::peakMemoryMiB() const {
#ifdef M2DS_WITH_CUDA
    if (impl_->device.is_cuda()) {
        const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(impl_->device.index());
        return static_cast<double>(stats.allocated_bytes[0].peak) / (1024.0 * 1024.0);
    }
#endif
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace m2ds
