#include "cli/TrainCommand.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/DataDirectory.h"
#include "cli/ExitCode.h"
#include "common/MemoryTuning.h"
#include "model/M2dsModel.h"
#include "train/DistributedEnvironment.h"
#include "train/TrainOption.h"
#include "train/Trainer.h"

namespace m2ds::cli {

CLI::App* TrainCommand::addTo(CLI::App& app) {
    CLI::App* train = app.add_subcommand("train", "Pretrain M2D-S (denoising distillation) on your speech; torchrun-compatible");
    train->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // a later flag wins, as with argparse
    TrainConfig& c = config;
    train->add_option("--speech", c.speech, "Speech: folder, M2D .csv, fairseq .tsv (audio, or prepared .npz)")->required();
    train->add_option("--noise", c.noise, "Background noise: folder, .csv or .tsv (audio, or log-mel .npy)");
    train->add_option("--teacher", c.teacher, "mfcc | npz | npy[:FOLDER] | none | model:CKPT[:LAYER] | hubert:DIR[:LAYER] (HF folder, layer 9 by default)")->capture_default_str();
    train->add_option("--output_dir", c.outputDir, "Run folder: log.jsonl, checkpoints, prepared data")->required();
    train->add_option("--model", c.model, "Preset name (models/presets)")->capture_default_str();
    train->add_option("--input_size", c.inputSize, "Crop FxT, e.g. 80x608 (default: the preset's)");
    train->add_option("--patch_size", c.patchSize, "Patch FxT, e.g. 80x2 (default: the preset's)");
    for (const TrainOption& option : TrainOption::all())  // the numeric flags: names, help and defaults from core's table
        std::visit([&](auto member) { train->add_option("--" + option.flag, c.*member, option.help)->capture_default_str(); }, option.field);
    train->add_option("--device", c.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
    train->add_option("--amp", c.amp, "auto | none | bf16 | fp16 (CUDA)")->capture_default_str();
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
