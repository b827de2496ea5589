#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/ModelConfig.h"
#include "train/DistributedEnvironment.h"
#include "train/TrainConfig.h"

namespace m2ds {

class ProcessGroupConnection;
class TrainingData;
class TrainingEngine;
class TrainingLog;
class TrainingBatchLoader;
class SampleAssembler;
struct TrainingState;

/// How a run ended when it did not throw.
enum class TrainingOutcome { Finished, Stopped };

/// The pretraining loop of `speech/train_speech.py` + `engine_pretrain_m2d.py`: data, per-iteration LR and EMA
/// schedules, accumulation, logging (log.jsonl), RankMe, checkpoints every save_freq epochs and at the end
/// (keeping the last keep_last), exact resume, clean stop on request, refusal to go on after a non-finite loss.
class Trainer {
public:
    /// presets: known geometries (the run's --model is one of them). say: human-readable progress lines.
    Trainer(TrainConfig config, std::vector<ModelConfig> presets, DistributedEnvironment environment,
            std::function<void(const std::string&)> say);
    ~Trainer();
    /// Trains until the schedule ends or `stop` becomes true (then a checkpoint is written and Stopped returned).
    /// Throws InputError / InvalidArgument for unusable data or settings, TrainingDiverged for a NaN/inf loss; a run
    /// that fails once started (e.g. a checkpoint that cannot be written) ends its log with an "end" record
    /// {"status": "failed", "message": …} before the exception leaves.
    TrainingOutcome run(const std::atomic<bool>& stop);
    /// Sets up everything, runs `steps` data iterations without writing a log or checkpoints, and reports
    /// {"event":"dry_run", samples_per_s, memory_mib, seconds_per_epoch, seconds_total, steps_per_epoch, ...}.
    nlohmann::ordered_json dryRun(int steps, const std::atomic<bool>& stop);

private:
    void setUp(const std::atomic<bool>& stop, bool dryRun);
    /// The epochs from where setUp() left the state, to the schedule's end or a stop; writes the "end" record.
    TrainingOutcome trainToTheEnd(const std::atomic<bool>& stop);
    ModelConfig geometry(int teacherDim) const;
    void resumeFrom(const std::string& path);
    std::vector<float> rankMeInputs() const;
    /// One data iteration; returns true when an optimiser update ended it and the run must stop.
    bool iterate(std::int64_t epoch, std::int64_t step, const std::atomic<bool>& stop);
    void saveCheckpoint(const std::string& reason);
    /// The official TensorBoard x-axis of an iteration: int((step / steps per epoch + epoch) * 1000).
    std::int64_t epoch1000x(std::int64_t iteration) const;
    void logStep(std::int64_t epoch, std::int64_t iteration);
    /// RankMe and the periodic checkpoint; true when a checkpoint was written.
    bool endOfEpoch(std::int64_t epoch);

    struct Window;
    TrainConfig config_;
    std::vector<ModelConfig> presets_;
    DistributedEnvironment environment_;
    std::function<void(const std::string&)> say_;
    std::shared_ptr<ProcessGroupConnection> group_;  ///< set when launched as part of a job
    std::unique_ptr<TrainingData> data_;
    std::unique_ptr<SampleAssembler> assembler_;
    std::unique_ptr<TrainingBatchLoader> loader_;
    std::unique_ptr<TrainingEngine> engine_;
    std::unique_ptr<TrainingLog> log_;
    std::unique_ptr<TrainingState> state_;
    std::unique_ptr<Window> window_;
    std::string resumedFrom_;
    std::int64_t stepsPerEpoch_ = 0;
    double peakLr_ = 0.0;
    double lr_ = -1.0;  ///< negative until the first iteration computes it
};

}  // namespace m2ds
