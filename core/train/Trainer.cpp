#include "train/Trainer.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <unistd.h>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "data/DatasetStatisticsEstimator.h"
#include "common/DeterministicRandom.h"
#include "data/TrainingBatchLoader.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"
#include "train/EmaSchedule.h"
#include "train/LearningRateSchedule.h"
#include "train/ProcessGroupConnection.h"
#include "train/TrainingCheckpoint.h"
#include "train/TrainingData.h"
#include "train/TrainingEngine.h"
#include "train/TrainingLog.h"
#include "train/TrainingState.h"

namespace m2ds {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
enum Stream : std::uint64_t { kMask = 21, kRankMe = 22 };

/// A run killed while writing a checkpoint leaves its temporary file (AtomicFileWriter's "*.partial-XXXXXX"); the
/// checkpoints themselves are complete. Those leftovers go at the next start.
void removeStaleTemporaryFiles(const std::string& folder) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error))
        if (entry.path().filename().string().find(".partial-") != std::string::npos) fs::remove(entry.path(), error);
}

}  // namespace

/// Losses and timing since the last "step" record.
struct Trainer::Window {
    double loss = 0, lossM2d = 0, lossOffline = 0, gradNorm = 0, ema = 0;
    int iterations = 0;
    Clock::time_point started = Clock::now();
};

Trainer::Trainer(TrainConfig config, std::vector<ModelConfig> presets, DistributedEnvironment environment,
                 std::function<void(const std::string&)> say)
    : config_(std::move(config)), presets_(std::move(presets)), environment_(environment), say_(std::move(say)),
      state_(std::make_unique<TrainingState>()), window_(std::make_unique<Window>()) {
    config_.validate();
    config_.device = environment_.deviceFor(config_.device);
    if (config_.amp == "auto") config_.amp = config_.device.rfind("cuda", 0) == 0 ? "bf16" : "none";
}

Trainer::~Trainer() = default;

ModelConfig Trainer::geometry(int teacherDim) const {
    ModelConfig model = ModelPresets::find(presets_, config_.model);
    if (!config_.inputSize.empty()) std::tie(model.inputFrequency, model.inputFrames) = ModelConfig::parseSize(config_.inputSize, "input_size");
    if (!config_.patchSize.empty()) std::tie(model.patchFrequency, model.patchTime) = ModelConfig::parseSize(config_.patchSize, "patch_size");
    model.offlineDim = config_.lossOff > 0.0 ? teacherDim : 0;
    model.maskRatio = config_.maskRatio;
    model.validate();
    return model;
}

void Trainer::setUp(const std::atomic<bool>& stop, bool dryRun) {
    ProgressMonitor monitor;  // preparation polls it; a stop request cancels it
    if (stop) throw CancelledError();
    std::string resume = config_.resume;
    if (resume == "auto") {
        resume = TrainingCheckpoint::latestIn(config_.outputDir);
        if (resume.empty()) say_("no checkpoint in " + config_.outputDir + " yet: starting a new run");
    } else if (resume.empty() && !dryRun && !TrainingCheckpoint::latestIn(config_.outputDir).empty()) {
        throw InvalidArgument(config_.outputDir + " already holds checkpoints of a run: continue it with --resume auto, "
                              "or choose another --output_dir (nothing was changed)");
    }
    fs::create_directories(config_.outputDir);
    if (environment_.distributed()) group_ = std::make_shared<ProcessGroupConnection>(environment_, config_.device.rfind("cuda", 0) == 0);
    data_ = std::make_unique<TrainingData>(config_, presets_, group_.get(), monitor.withCallback([&](double) {
        if (stop) monitor.cancel();
    }), say_);
    state_->teacherKind = data_->teacherKind();
    state_->speechSource = config_.speech;
    state_->noiseSource = config_.noise;
    state_->worldSize = environment_.worldSize;

    const ModelConfig model = geometry(data_->teacherDim());
    SampleSettings sample{static_cast<std::size_t>(model.inputFrames), static_cast<std::size_t>(model.patchTime),
                          static_cast<std::size_t>(model.inputFrequency), config_.noise.empty() ? 0.0 : config_.noiseRatio};
    if (resume.empty()) {
        say_("dataset statistics from " + std::to_string(config_.normStatsCrops) + " random crops per set");
        const SampleAssembler cropper(sample, DatasetStatistics{});
        const std::size_t crops = dryRun ? std::min(config_.normStatsCrops, 200) : static_cast<std::size_t>(config_.normStatsCrops);
        state_->statistics = DatasetStatisticsEstimator::estimate(cropper, data_->speech(), data_->noise(), crops, config_.seed);
    }
    EngineSettings settings{config_.device, config_.amp, config_.weightDecay, config_.beta1, config_.beta2, config_.adamEps,
                            config_.clipGrad, config_.lossM2d, config_.lossOff, config_.maskRatio, config_.accumIter};
    engine_ = std::make_unique<TrainingEngine>(model, settings, config_.seed);
    if (!resume.empty()) resumeFrom(resume);
    if (group_) engine_->useProcessGroup(group_);

    sample.noiseRatio = data_->noise() ? config_.noiseRatio : 0.0;
    assembler_ = std::make_unique<SampleAssembler>(sample, state_->statistics);
    LoaderLayout layout{static_cast<std::size_t>(config_.batchSize), environment_.worldSize, environment_.rank, config_.seed,
                        config_.workers, static_cast<std::size_t>(config_.accumIter)};
    loader_ = std::make_unique<TrainingBatchLoader>(data_->speech(), data_->noise(), *assembler_, layout);
    stepsPerEpoch_ = static_cast<std::int64_t>(loader_->stepsPerEpoch());  // whole accumulation cycles only
    if (state_->nextStep >= stepsPerEpoch_) {  // resumed with a larger global batch: that epoch is already over
        say_("epoch " + std::to_string(state_->nextEpoch) + " has only " + std::to_string(stepsPerEpoch_) +
             " iterations at this global batch: continuing with the next epoch");
        ++state_->nextEpoch;
        state_->nextStep = 0;
    }
    peakLr_ = config_.learningRate(environment_.worldSize);
    const bool mainRank = environment_.rank == 0 && !dryRun;
    log_ = std::make_unique<TrainingLog>(mainRank ? (fs::path(config_.outputDir) / "log.jsonl").string() : std::string(),
                                         mainRank ? config_.outputDir : std::string());
    if (mainRank) {
        AtomicFileWriter::writeFile((fs::path(config_.outputDir) / "train-config.json").string(), config_.toJson() + "\n");
        removeStaleTemporaryFiles(config_.outputDir);
    }
}

void Trainer::resumeFrom(const std::string& path) {
    TrainingCheckpoint checkpoint = TrainingCheckpoint::load(path);
    const ModelConfig& mine = engine_->config();
    if (checkpoint.model.inputFrames != mine.inputFrames || checkpoint.model.patchTime != mine.patchTime || checkpoint.model.dim != mine.dim ||
        checkpoint.model.depth != mine.depth || checkpoint.model.offlineDim != mine.offlineDim)
        throw InputError(path, "was trained with geometry " + checkpoint.model.folderName() + " (offline dim " +
                                   std::to_string(checkpoint.model.offlineDim) + "), this run is " + mine.folderName() +
                                   " (offline dim " + std::to_string(mine.offlineDim) + ")");
    if (checkpoint.state.worldSize * checkpoint.train.batchSize != environment_.worldSize * config_.batchSize)
        say_("note: the global batch changed since " + path + "; the data order continues from the same epoch and step");
    engine_->loadWeights(checkpoint.weights);
    engine_->loadOptimiserState(checkpoint.optimiser, checkpoint.state.optimiserUpdates, checkpoint.state.lossScale,
                                checkpoint.state.lossScaleGrowthTracker);
    *state_ = checkpoint.state;
    state_->worldSize = environment_.worldSize;
    resumedFrom_ = path;
    say_("resumed from " + path + " at epoch " + std::to_string(state_->nextEpoch) + ", step " + std::to_string(state_->nextStep));
}

bool Trainer::iterate(std::int64_t epoch, std::int64_t step, const std::atomic<bool>& stop) {
    const std::int64_t iteration = epoch * stepsPerEpoch_ + step;
    if (step % config_.accumIter == 0 || lr_ < 0.0) {  // at each cycle start, and on the first iteration of a process
        const LearningRateSchedule schedule{peakLr_, config_.minLr, static_cast<double>(config_.warmupEpochs), static_cast<double>(config_.epochs)};
        lr_ = schedule.at(static_cast<double>(step) / static_cast<double>(stepsPerEpoch_) + static_cast<double>(epoch));
    }
    const TrainingBatch batch = loader_->next();
    const ModelConfig& model = engine_->config();
    const std::size_t global = static_cast<std::size_t>(config_.batchSize) * static_cast<std::size_t>(environment_.worldSize);
    DeterministicRandom maskSeed({config_.seed, kMask, static_cast<std::uint64_t>(iteration)});
    FloatArray noise = M2dsModel::maskNoise(static_cast<int>(global), model.tokens(), maskSeed.next());
    const std::size_t rowFloats = static_cast<std::size_t>(model.tokens()), first = static_cast<std::size_t>(environment_.rank) * batch.size;
    noise.values = std::vector<float>(noise.values.begin() + static_cast<std::ptrdiff_t>(first * rowFloats),
                                      noise.values.begin() + static_cast<std::ptrdiff_t>((first + batch.size) * rowFloats));
    noise.shape[0] = batch.size;
    engine_->forwardBackward(batch, noise);
    if ((step + 1) % config_.accumIter != 0) return false;

    const EmaSchedule ema{config_.emaDecayInit, config_.emaDecay, static_cast<double>(stepsPerEpoch_) * config_.epochs};
    window_->ema = ema.at(static_cast<double>(iteration));
    const UpdateOutcome outcome = engine_->update(lr_, window_->ema, stop.load());
    window_->gradNorm = outcome.gradNorm;
    window_->loss += outcome.meanLosses.loss * config_.accumIter;  // losses averaged over all processes, like all_reduce_mean
    window_->lossM2d += outcome.meanLosses.lossM2d * config_.accumIter;
    window_->lossOffline += outcome.meanLosses.lossOffline * config_.accumIter;
    window_->iterations += config_.accumIter;
    state_->iterations = iteration + 1;
    state_->nextEpoch = step + 1 == stepsPerEpoch_ ? epoch + 1 : epoch;
    state_->nextStep = step + 1 == stepsPerEpoch_ ? 0 : step + 1;
    state_->optimiserUpdates = engine_->optimiserUpdates();
    if (outcome.nonFinite) {
        const std::string last = TrainingCheckpoint::latestIn(config_.outputDir);
        const std::string message = "non-finite loss (" + std::to_string(outcome.meanLosses.loss) + ") at iteration " + std::to_string(iteration) +
                                    " (epoch " + std::to_string(epoch) + ", step " + std::to_string(step) + "); weights not updated; " +
                                    (last.empty() ? "no checkpoint was written yet" : "the last good checkpoint is " + last);
        log_->write("end", {{"status", "failed"}, {"message", message}, {"iteration", iteration}});
        throw TrainingDiverged(message);
    }
    if ((iteration + 1) % config_.logEvery == 0) logStep(epoch, iteration);
    return outcome.stopRequested;
}

std::int64_t Trainer::epoch1000x(std::int64_t iteration) const {
    return static_cast<std::int64_t>(1000.0 * static_cast<double>(iteration) / static_cast<double>(stepsPerEpoch_));
}

void Trainer::logStep(std::int64_t epoch, std::int64_t iteration) {
    Window& w = *window_;
    const double seconds = std::chrono::duration<double>(Clock::now() - w.started).count();
    const double samples = static_cast<double>(w.iterations) * config_.batchSize * environment_.worldSize;
    const double n = std::max(1, w.iterations);
    log_->write("step", {{"epoch", epoch}, {"iteration", iteration}, {"epoch_1000x", epoch1000x(iteration)}, {"loss", w.loss / n}, {"l_m2d", w.lossM2d / n},
                         {"l_off", w.lossOffline / n}, {"lr", lr_}, {"ema", w.ema}, {"grad_norm", w.gradNorm},
                         {"samples_per_s", samples / std::max(seconds, 1e-9)}, {"memory_mib", engine_->peakMemoryMiB()},
                         {"elapsed_s", seconds}});
    if (environment_.rank == 0)
        say_("epoch " + std::to_string(epoch) + " it " + std::to_string(iteration + 1) + "/" + std::to_string(stepsPerEpoch_ * config_.epochs) +
             " loss " + std::to_string(w.loss / n) + " (m2d " + std::to_string(w.lossM2d / n) + ", off " + std::to_string(w.lossOffline / n) +
             ") lr " + std::to_string(lr_) + " " + std::to_string(samples / std::max(seconds, 1e-9)) + " samples/s");
    w = Window{};
}

std::vector<float> Trainer::rankMeInputs() const {
    const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(config_.rankMeSamples), data_->speech().size());
    DeterministicRandom chooser({config_.seed, kRankMe});
    const auto order = chooser.permutation(data_->speech().size());
    SampleSettings clean = assembler_->settings();
    clean.noiseRatio = 0.0;
    const SampleAssembler cropper(clean, state_->statistics);
    std::vector<float> inputs;
    for (std::size_t i = 0; i < count; ++i) {
        DeterministicRandom random({config_.seed, kRankMe, i});
        const auto sample = cropper.assemble(*data_->speech().load(order[i]), nullptr, random);
        inputs.insert(inputs.end(), sample.input.begin(), sample.input.end());
    }
    return inputs;
}

void Trainer::saveCheckpoint(const std::string& reason) {
    if (environment_.rank != 0) return;
    const bool epochEnd = state_->nextStep == 0;
    const std::string name = epochEnd ? "checkpoint-" + std::to_string(state_->nextEpoch - 1)
                                      : "checkpoint-" + std::to_string(state_->nextEpoch) + "-it" + std::to_string(state_->iterations);
    const std::string path = fs::absolute(fs::path(config_.outputDir) / (name + ".safetensors")).string();
    TrainingCheckpoint checkpoint;
    checkpoint.model = engine_->config();
    checkpoint.model.normMean = static_cast<float>(state_->statistics.speechMean);
    checkpoint.model.normStd = static_cast<float>(state_->statistics.speechStd);
    checkpoint.train = config_;
    state_->lossScale = engine_->lossScale();
    state_->lossScaleGrowthTracker = engine_->lossScaleGrowthTracker();
    checkpoint.state = *state_;
    checkpoint.weights = engine_->weights();
    checkpoint.optimiser = engine_->optimiserState();
    checkpoint.save(path);
    log_->write("checkpoint", {{"epoch", state_->nextEpoch - (epochEnd ? 1 : 0)}, {"iteration", state_->iterations}, {"path", path}, {"reason", reason}});
    say_("checkpoint " + path + " (" + reason + ")");
    auto all = TrainingCheckpoint::listIn(config_.outputDir);
    for (std::size_t i = 0; i + static_cast<std::size_t>(config_.keepLast) < all.size(); ++i) {
        std::error_code error;
        if (all[i] != path && !fs::remove(all[i], error) && error)  // rotation is housekeeping: the run goes on
            say_("warning: could not remove the old checkpoint " + all[i] + " (" + error.message() + "); keep_last " +
                 std::to_string(config_.keepLast) + " not enforced for it");
    }
}

bool Trainer::endOfEpoch(std::int64_t epoch) {
    const bool last = epoch + 1 == config_.epochs;
    if (environment_.rank == 0 && config_.evalFreq > 0 && ((epoch + 1) % config_.evalFreq == 0 || last)) {
        const double rankMe = engine_->rankMe(rankMeInputs(), std::min<std::size_t>(config_.rankMeSamples, data_->speech().size()));
        log_->write("rankme", {{"epoch", epoch}, {"iteration", state_->iterations - 1}, {"epoch_1000x", epoch1000x(state_->iterations - 1)}, {"rankme", rankMe}});
        say_("epoch " + std::to_string(epoch) + " RankMe " + std::to_string(rankMe));
    }
    if (epoch % config_.saveFreq != 0 && !last) return false;
    saveCheckpoint(last ? "end of training" : "every " + std::to_string(config_.saveFreq) + " epochs");
    return true;
}

TrainingOutcome Trainer::run(const std::atomic<bool>& stop) {
    setUp(stop, false);
    log_->write("start", {{"pid", static_cast<long>(::getpid())}, {"world_size", environment_.worldSize}, {"device", engine_->device()},
                          {"steps_per_epoch", stepsPerEpoch_}, {"total_iterations", stepsPerEpoch_ * config_.epochs}, {"epochs", config_.epochs},
                          {"resumed_from", resumedFrom_.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(resumedFrom_)},
                          {"config", nlohmann::ordered_json::parse(config_.toJson())},
                          {"model", nlohmann::ordered_json::parse(engine_->config().toJson())},
                          {"teacher", state_->teacherKind}, {"parameters", engine_->trainableParameters()}});
    say_(engine_->config().folderName() + " on " + engine_->device() + ": " + std::to_string(stepsPerEpoch_) + " iterations per epoch, " +
         std::to_string(config_.epochs) + " epochs, lr " + std::to_string(peakLr_) + ", teacher " + state_->teacherKind);
    try {
        return trainToTheEnd(stop);
    } catch (const TrainingDiverged&) {
        throw;  // its "end" record is written
    } catch (const std::exception& error) {  // e.g. a checkpoint that could not be written: the log says why it ended
        log_->write("end", {{"status", "failed"}, {"message", error.what()}, {"iteration", state_->iterations}});
        throw;
    }
}

TrainingOutcome Trainer::trainToTheEnd(const std::atomic<bool>& stop) {
    const std::int64_t firstEpoch = state_->nextEpoch, firstStep = state_->nextStep;
    loader_->seek(static_cast<std::size_t>(firstEpoch), static_cast<std::size_t>(firstStep));
    window_ = std::make_unique<Window>();
    for (std::int64_t epoch = firstEpoch; epoch < config_.epochs; ++epoch) {
        for (std::int64_t step = epoch == firstEpoch ? firstStep : 0; step < stepsPerEpoch_; ++step) {
            if (!iterate(epoch, step, stop)) continue;
            const bool saved = state_->nextStep == 0 && endOfEpoch(epoch);
            if (!saved) saveCheckpoint("stop requested");
            log_->write("end", {{"status", "stopped"}, {"message", "stopped on request"}, {"iteration", state_->iterations}});
            return TrainingOutcome::Stopped;
        }
        endOfEpoch(epoch);
    }
    log_->write("end", {{"status", "finished"}, {"message", "schedule complete"}, {"iteration", state_->iterations}});
    return TrainingOutcome::Finished;
}

nlohmann::ordered_json Trainer::dryRun(int steps, const std::atomic<bool>& stop) {
    setUp(stop, true);
    loader_->seek(0, 0);
    Clock::time_point timed = Clock::now();
    const int total = std::max(2, steps);
    for (int i = 0; i < total && !stop; ++i) {
        if (i == 1) timed = Clock::now();  // the first iteration pays one-off allocations
        iterate(0, i % stepsPerEpoch_, stop);
    }
    const double perIteration = std::chrono::duration<double>(Clock::now() - timed).count() / (total - 1);
    const double samplesPerSecond = config_.batchSize * environment_.worldSize / perIteration;
    return {{"event", "dry_run"}, {"steps", total}, {"samples_per_s", samplesPerSecond}, {"memory_mib", engine_->peakMemoryMiB()},
            {"seconds_per_epoch", perIteration * stepsPerEpoch_}, {"seconds_total", perIteration * stepsPerEpoch_ * config_.epochs},
            {"steps_per_epoch", stepsPerEpoch_}, {"total_iterations", stepsPerEpoch_ * config_.epochs},
            {"parameters", engine_->trainableParameters()}, {"device", engine_->device()}, {"precision", config_.amp},
            {"teacher", state_->teacherKind}};
}

}  // namespace m2ds
