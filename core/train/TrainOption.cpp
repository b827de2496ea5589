#include "train/TrainOption.h"

#include <cmath>
#include <sstream>

namespace m2ds {
namespace {

using Kind = TrainOption::Kind;
constexpr double kHuge = 1e12;

std::string numberText(double value) {
    std::ostringstream text;
    text.precision(15);
    text << value;
    return text.str();
}

std::vector<TrainOption> makeOptions() {
    const std::string schedule = "Schedule", m2ds = "M2D-S", run = "Run";
    using C = TrainConfig;
    // flag, label, group, help, field, kind, min, max, minOpen, maxOpen, optional, inForm
    return {
        {"batch_size", "Batch size", schedule, "Samples per iteration and process", &C::batchSize, Kind::Integer, 1, 65536},
        {"accum_iter", "Gradient accumulation", schedule, "Iterations whose gradients are summed before an update", &C::accumIter, Kind::Integer, 1, 4096},
        {"epochs", "Epochs", schedule, "", &C::epochs, Kind::Integer, 1, 1e6},
        {"warmup_epochs", "Warm-up epochs", schedule, "Linear learning-rate warm-up (at most epochs)", &C::warmupEpochs, Kind::Integer, 0, 1e6},
        {"blr", "Base learning rate", schedule, "lr = blr × effective batch / 256", &C::blr, Kind::Real, 0, kHuge, true},
        {"lr", "Learning rate", schedule, "Absolute lr; empty (0): derived from the base learning rate", &C::lr, Kind::Real, 0, kHuge, false, false, true},
        {"min_lr", "Minimum learning rate", schedule, "End of the cosine schedule", &C::minLr, Kind::Real, 0, kHuge},
        {"weight_decay", "Weight decay", schedule, "AdamW decoupled weight decay (not on biases and norms)", &C::weightDecay, Kind::Real, 0, 10},
        {"clip_grad", "Gradient clipping", schedule, "Maximum gradient norm", &C::clipGrad, Kind::Real, 0, kHuge, true},
        {"mask_ratio", "Mask ratio", m2ds, "Fraction of patches masked", &C::maskRatio, Kind::Real, 0, 1, true, true},
        {"loss_m2d", "M2D loss weight", m2ds, "", &C::lossM2d, Kind::Real, 0, kHuge},
        {"loss_off", "Offline loss weight", m2ds, "Weight of the denoising distillation loss", &C::lossOff, Kind::Real, 0, kHuge},
        {"noise_ratio", "Noise ratio", m2ds, "alpha of the power-domain noise mix into the student's input", &C::noiseRatio, Kind::Real, 0, 1, false, true},
        {"ema_decay_init", "EMA decay (start)", m2ds, "", &C::emaDecayInit, Kind::Real, 0, 1, true},
        {"ema_decay", "EMA decay (end)", m2ds, "", &C::emaDecay, Kind::Real, 0, 1, true},
        {"seed", "Seed", m2ds, "Seed of every random draw", &C::seed, Kind::Integer, 0, 4294967295.0},
        {"workers", "Data workers", run, "Batches prepared ahead / preparation threads", &C::workers, Kind::Integer, 1, 256},
        {"log_every", "Log every (iterations)", run, "Iterations between log.jsonl step records", &C::logEvery, Kind::Integer, 1, 1e9},
        {"save_freq", "Save every (epochs)", run, "Epochs between checkpoints", &C::saveFreq, Kind::Integer, 1, 1e6},
        {"keep_last", "Keep last checkpoints", run, "Checkpoints kept", &C::keepLast, Kind::Integer, 1, 1e6},
        {"eval_freq", "RankMe every (epochs)", run, "Epochs between RankMe evaluations; 0 = never", &C::evalFreq, Kind::Integer, 0, 1e6},
        {"rankme_samples", "RankMe samples", run, "Fixed evaluation crops for RankMe", &C::rankMeSamples, Kind::Integer, 1, 1e6, false, false, false, false},
        {"norm_stats_crops", "Statistics crops", run, "Random crops per set for the dataset statistics", &C::normStatsCrops, Kind::Integer, 1, 1e7, false, false, false, false},
        {"pad_seconds", "Speech padding (s)", run, "Speech padding when preparing audio", &C::padSeconds, Kind::Real, 0, 3600, true, false, false, false},
        {"mfcc_coefficients", "MFCC coefficients", run, "Coefficients of the MFCC teacher", &C::mfccCoefficients, Kind::Integer, 1, 80, false, false, false, false},
    };
}

}  // namespace

double TrainOption::valueIn(const TrainConfig& config) const {
    return std::visit([&config](auto member) { return static_cast<double>(config.*member); }, field);
}

void TrainOption::setIn(TrainConfig& config, double value) const {
    std::visit([&config, value](auto member) { config.*member = static_cast<std::remove_reference_t<decltype(config.*member)>>(value); }, field);
}

std::string TrainOption::defaultText() const { return numberText(valueIn(TrainConfig{})); }

std::string TrainOption::rangeText() const {
    return (minimumOpen ? "(" : "[") + numberText(minimum) + ", " + numberText(maximum) + (maximumOpen ? ")" : "]");
}

std::string TrainOption::problemWith(double value) const {
    if (!std::isfinite(value)) return flag + ": " + numberText(value) + " is not a number";
    if (kind == Kind::Integer && value != std::trunc(value)) return flag + ": " + numberText(value) + " is not a whole number";
    if (optional && value == 0.0) return "";
    const bool below = minimumOpen ? value <= minimum : value < minimum;
    const bool above = maximumOpen ? value >= maximum : value > maximum;
    return below || above ? flag + ": " + numberText(value) + " is outside " + rangeText() : "";
}

const std::vector<TrainOption>& TrainOption::all() {
    static const std::vector<TrainOption> options = makeOptions();
    return options;
}

const TrainOption* TrainOption::find(const std::string& flag) {
    for (const TrainOption& option : all())
        if (option.flag == flag) return &option;
    return nullptr;
}

}  // namespace m2ds
