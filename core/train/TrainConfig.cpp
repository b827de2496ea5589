#include "train/TrainConfig.h"

#include <nlohmann/json.hpp>

#include "common/Errors.h"
#include "common/FileText.h"
#include "common/JsonNumbers.h"
#include "train/TrainOption.h"

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
    for (const TrainOption& option : TrainOption::all()) {  // ranges: the table the CLI and the Train form read
        const std::string problem = option.problemWith(option.valueIn(*this));
        require(problem.empty(), problem);
    }
    require(warmupEpochs <= epochs, "warmup_epochs: " + std::to_string(warmupEpochs) + " is more than epochs (" + std::to_string(epochs) + ")");
    require(lossM2d + lossOff > 0.0, "loss_m2d and loss_off: not both 0");
    require(amp == "auto" || amp == "none" || amp == "bf16" || amp == "fp16", "amp must be auto, none, bf16 or fp16");
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
            if (j.contains(name)) JsonNumbers::getTo(j.at(name), value);
        });
    } catch (const nlohmann::json::exception& error) {
        throw InvalidArgument("training settings JSON: " + FileText::escaped(error.what(), 200));
    }
    return config;
}

}  // namespace m2ds
