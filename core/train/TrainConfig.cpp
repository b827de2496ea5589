#include "train/TrainConfig.h"

#include <nlohmann/json.hpp>

#include "common/Errors.h"

namespace m2ds {
namespace {

// One list of (json name, member) pairs drives both directions.
template <typename Json, typename Config, typename Visit>
void visitFields(Json& json, Config& c, Visit&& visit) {
    visit(json, "speech", c.speech);
    visit(json, "noise", c.noise);
    visit(json, "teacher", c.teacher);
    visit(json, "output_dir", c.outputDir);
    visit(json, "resume", c.resume);
    visit(json, "model", c.model);
    visit(json, "input_size", c.inputSize);
    visit(json, "patch_size", c.patchSize);
    visit(json, "batch_size", c.batchSize);
    visit(json, "accum_iter", c.accumIter);
    visit(json, "epochs", c.epochs);
    visit(json, "warmup_epochs", c.warmupEpochs);
    visit(json, "blr", c.blr);
    visit(json, "lr", c.lr);
    visit(json, "min_lr", c.minLr);
    visit(json, "weight_decay", c.weightDecay);
    visit(json, "beta1", c.beta1);
    visit(json, "beta2", c.beta2);
    visit(json, "adam_eps", c.adamEps);
    visit(json, "mask_ratio", c.maskRatio);
    visit(json, "loss_m2d", c.lossM2d);
    visit(json, "loss_off", c.lossOff);
    visit(json, "noise_ratio", c.noiseRatio);
    visit(json, "ema_decay_init", c.emaDecayInit);
    visit(json, "ema_decay", c.emaDecay);
    visit(json, "clip_grad", c.clipGrad);
    visit(json, "seed", c.seed);
    visit(json, "device", c.device);
    visit(json, "amp", c.amp);
    visit(json, "workers", c.workers);
    visit(json, "log_every", c.logEvery);
    visit(json, "save_freq", c.saveFreq);
    visit(json, "keep_last", c.keepLast);
    visit(json, "eval_freq", c.evalFreq);
    visit(json, "rankme_samples", c.rankMeSamples);
    visit(json, "norm_stats_crops", c.normStatsCrops);
    visit(json, "pad_seconds", c.padSeconds);
    visit(json, "mfcc_coefficients", c.mfccCoefficients);
}

void require(bool condition, const std::string& message) {
    if (!condition) throw InvalidArgument(message);
}

}  // namespace

double TrainConfig::learningRate(int worldSize) const {
    return lr > 0.0 ? lr : blr * batchSize * accumIter * worldSize / 256.0;
}

void TrainConfig::validate() const {
    require(!speech.empty(), "no speech source given (--speech)");
    require(!outputDir.empty(), "no output folder given (--output_dir)");
    require(batchSize >= 1, "batch_size must be at least 1");
    require(accumIter >= 1, "accum_iter must be at least 1");
    require(epochs >= 1, "epochs must be at least 1");
    require(warmupEpochs >= 0 && warmupEpochs <= epochs, "warmup_epochs must be between 0 and epochs");
    require(blr > 0.0 && lr >= 0.0 && minLr >= 0.0, "learning rates must be positive (blr) or non-negative (lr, min_lr)");
    require(maskRatio > 0.0 && maskRatio < 1.0, "mask_ratio must be in (0, 1)");
    require(noiseRatio >= 0.0 && noiseRatio < 1.0, "noise_ratio must be in [0, 1)");
    require(lossM2d >= 0.0 && lossOff >= 0.0 && lossM2d + lossOff > 0.0, "loss_m2d and loss_off must be non-negative, not both 0");
    require(emaDecayInit > 0.0 && emaDecayInit <= 1.0 && emaDecay > 0.0 && emaDecay <= 1.0, "EMA decays must be in (0, 1]");
    require(clipGrad > 0.0, "clip_grad must be positive");
    require(amp == "auto" || amp == "none" || amp == "bf16" || amp == "fp16", "amp must be auto, none, bf16 or fp16");
    require(logEvery >= 1 && saveFreq >= 1 && keepLast >= 1 && evalFreq >= 0, "log_every, save_freq, keep_last must be at least 1");
    require(workers >= 1, "workers must be at least 1");
    require(normStatsCrops >= 1 && rankMeSamples >= 1, "norm_stats_crops and rankme_samples must be at least 1");
}

std::string TrainConfig::toJson() const {
    nlohmann::ordered_json json;
    TrainConfig copy = *this;
    visitFields(json, copy, [](auto& j, const char* name, auto& value) { j[name] = value; });
    return json.dump(2);
}

TrainConfig TrainConfig::fromJson(const std::string& text) {
    TrainConfig config;
    try {
        const auto json = nlohmann::json::parse(text);
        visitFields(json, config, [](const auto& j, const char* name, auto& value) {
            if (j.contains(name)) j.at(name).get_to(value);
        });
    } catch (const nlohmann::json::exception& error) {
        throw InvalidArgument(std::string("training settings JSON: ") + error.what());
    }
    return config;
}

}  // namespace m2ds
