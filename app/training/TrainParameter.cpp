#include "training/TrainParameter.h"

namespace m2ds {
namespace {

using Kind = TrainParameter::Kind;
constexpr double kTiny = 1e-12;  // "greater than zero"
constexpr double kHuge = 1e12;

QVector<TrainParameter> makeParameters() {
    const QString schedule = QStringLiteral("Schedule");
    const QString m2ds = QStringLiteral("M2D-S");
    const QString run = QStringLiteral("Run");
    return {
        {"batch_size", "Batch size", "64", Kind::Integer, 1, 65536, schedule, "Samples per step and process"},
        {"accum_iter", "Gradient accumulation", "1", Kind::Integer, 1, 4096, schedule, "Steps whose gradients are summed before an update"},
        {"epochs", "Epochs", "1000", Kind::Integer, 1, 1e6, schedule, ""},
        {"warmup_epochs", "Warm-up epochs", "60", Kind::Integer, 0, 1e6, schedule, "Linear learning-rate warm-up"},
        {"blr", "Base learning rate", "3e-4", Kind::Real, kTiny, 10, schedule, "lr = blr × effective batch / 256"},
        {"lr", "Learning rate", "", Kind::OptionalReal, kTiny, 10, schedule, "Empty: derived from the base learning rate"},
        {"min_lr", "Minimum learning rate", "0", Kind::Real, 0, 10, schedule, "End of the cosine schedule"},
        {"weight_decay", "Weight decay", "0.05", Kind::Real, 0, 10, schedule, ""},
        {"clip_grad", "Gradient clipping", "3.0", Kind::Real, 0, kHuge, schedule, "Maximum gradient norm; 0 = off"},
        {"mask_ratio", "Mask ratio", "0.6", Kind::Real, 0.01, 0.99, m2ds, "Fraction of patches masked"},
        {"loss_m2d", "M2D loss weight", "1.0", Kind::Real, 0, kHuge, m2ds, ""},
        {"loss_off", "Offline loss weight", "0.5", Kind::Real, 0, kHuge, m2ds, "Denoising distillation"},
        {"noise_ratio", "Noise ratio", "0.2", Kind::Real, 0, 1, m2ds, "Noise mixed into the student's input"},
        {"ema_decay_init", "EMA decay (start)", "0.99995", Kind::Real, 0, 1, m2ds, ""},
        {"ema_decay", "EMA decay (end)", "0.99999", Kind::Real, 0, 1, m2ds, ""},
        {"seed", "Seed", "0", Kind::Integer, 0, 2147483647, m2ds, ""},
        {"workers", "Data workers", "2", Kind::Integer, 0, 256, run, ""},
        {"log_every", "Log every (steps)", "10", Kind::Integer, 1, 1e9, run, ""},
        {"save_freq", "Save every (epochs)", "100", Kind::Integer, 1, 1e6, run, ""},
        {"keep_last", "Keep last checkpoints", "3", Kind::Integer, 1, 1e6, run, ""},
        {"eval_freq", "RankMe every (epochs)", "20", Kind::Integer, 0, 1e6, run, "0 = never"},
    };
}

}  // namespace

const QVector<TrainParameter>& TrainParameter::all() {
    static const QVector<TrainParameter> parameters = makeParameters();
    return parameters;
}

const TrainParameter* TrainParameter::find(const QString& flag) {
    for (const TrainParameter& parameter : all())
        if (parameter.flag == flag) return &parameter;
    return nullptr;
}

}  // namespace m2ds
