#include "cli/TrainCommand.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/DataDirectory.h"
#include "cli/ExitCode.h"
#include "common/MemoryTuning.h"
#include "model/M2dsModel.h"
#include "train/DistributedEnvironment.h"
#include "train/Trainer.h"

namespace m2ds::cli {

CLI::App* TrainCommand::addTo(CLI::App& app) {
    CLI::App* train = app.add_subcommand("train", "Pretrain M2D-S (denoising distillation) on your speech; torchrun-compatible");
    train->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // a later flag wins, as with argparse
    TrainConfig& c = config;
    train->add_option("--speech", c.speech, "Speech: folder, M2D .csv, fairseq .tsv (audio, or prepared .npz)")->required();
    train->add_option("--noise", c.noise, "Background noise: folder, .csv or .tsv (audio, or log-mel .npy)");
    train->add_option("--teacher", c.teacher, "mfcc | npz | npy[:FOLDER] | none | model:CKPT[:LAYER]")->capture_default_str();
    train->add_option("--output_dir", c.outputDir, "Run folder: log.jsonl, checkpoints, prepared data")->required();
    train->add_option("--model", c.model, "Preset name (models/presets)")->capture_default_str();
    train->add_option("--input_size", c.inputSize, "Crop FxT, e.g. 80x608 (default: the preset's)");
    train->add_option("--patch_size", c.patchSize, "Patch FxT, e.g. 80x2 (default: the preset's)");
    train->add_option("--batch_size", c.batchSize, "Samples per process and iteration")->capture_default_str();
    train->add_option("--accum_iter", c.accumIter, "Iterations per optimiser update")->capture_default_str();
    train->add_option("--epochs", c.epochs)->capture_default_str();
    train->add_option("--warmup_epochs", c.warmupEpochs)->capture_default_str();
    train->add_option("--blr", c.blr, "Base lr; lr = blr * effective batch / 256")->capture_default_str();
    train->add_option("--lr", c.lr, "Absolute lr (overrides blr)");
    train->add_option("--min_lr", c.minLr)->capture_default_str();
    train->add_option("--weight_decay", c.weightDecay)->capture_default_str();
    train->add_option("--mask_ratio", c.maskRatio)->capture_default_str();
    train->add_option("--loss_m2d", c.lossM2d)->capture_default_str();
    train->add_option("--loss_off", c.lossOff, "Weight of the distillation loss")->capture_default_str();
    train->add_option("--noise_ratio", c.noiseRatio, "alpha of the power-domain noise mix")->capture_default_str();
    train->add_option("--ema_decay_init", c.emaDecayInit)->capture_default_str();
    train->add_option("--ema_decay", c.emaDecay)->capture_default_str();
    train->add_option("--clip_grad", c.clipGrad)->capture_default_str();
    train->add_option("--seed", c.seed)->capture_default_str();
    train->add_option("--device", c.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
    train->add_option("--amp", c.amp, "auto | none | bf16 | fp16 (CUDA)")->capture_default_str();
    train->add_option("--workers", c.workers, "Batches prepared ahead / preparation threads")->capture_default_str();
    train->add_option("--log_every", c.logEvery, "Iterations between log.jsonl step records")->capture_default_str();
    train->add_option("--save_freq", c.saveFreq, "Epochs between checkpoints")->capture_default_str();
    train->add_option("--keep_last", c.keepLast, "Checkpoints kept")->capture_default_str();
    train->add_option("--eval_freq", c.evalFreq, "Epochs between RankMe evaluations (0 = never)")->capture_default_str();
    train->add_option("--rankme_samples", c.rankMeSamples)->capture_default_str();
    train->add_option("--norm_stats_crops", c.normStatsCrops, "Random crops per set for the dataset statistics")->capture_default_str();
    train->add_option("--pad_seconds", c.padSeconds, "Speech padding when preparing audio")->capture_default_str();
    train->add_option("--mfcc_coefficients", c.mfccCoefficients)->capture_default_str();
    train->add_option("--resume", c.resume, "auto (latest checkpoint in output_dir) or a checkpoint");
    train->add_option("--dry_run", dryRunSteps, "Time N iterations, print one JSON line, write nothing")->check(CLI::NonNegativeNumber);
    return train;
}

int TrainCommand::run(const CommandContext& context) const {
    M2dsModel::setComputeThreads(context.threads);
    keepFreedMemoryForReuse();
    const DistributedEnvironment environment = DistributedEnvironment::fromEnvironment();
    const std::string prefix = environment.distributed() ? "[rank " + std::to_string(environment.rank) + "] " : "";
    std::ostream& err = context.err;
    Trainer trainer(config, bundledPresets(), environment,
                    [&err, prefix](const std::string& line) { err << prefix << line << std::endl; });
    if (dryRunSteps > 0) {
        context.out << trainer.dryRun(dryRunSteps, context.interrupted).dump() << std::endl;
        return kSuccess;
    }
    return trainer.run(context.interrupted) == TrainingOutcome::Finished ? kSuccess : kInterrupted;
}

}  // namespace m2ds::cli
