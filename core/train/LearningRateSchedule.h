#pragma once
#include <cmath>

namespace m2ds {

/// util/lr_sched.py: per-iteration linear warmup, then a half-cycle cosine to min_lr.
/// `epoch` is fractional: data_iter_step / steps_per_epoch + epoch.
struct LearningRateSchedule {
    double peak;
    double minimum;
    double warmupEpochs;
    double epochs;

    double at(double epoch) const {
        if (epoch < warmupEpochs) return peak * epoch / warmupEpochs;
        const double pi = std::acos(-1.0);
        return minimum + (peak - minimum) * 0.5 * (1.0 + std::cos(pi * (epoch - warmupEpochs) / (epochs - warmupEpochs)));
    }
};

}  // namespace m2ds
