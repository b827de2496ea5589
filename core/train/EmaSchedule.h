#pragma once

namespace m2ds {

/// train_speech.py::ema_decay_sched: τ rises linearly from `initial` to `final` over all data iterations,
/// τ = τ0 + (τ1 − τ0) · step / (total − 1).
struct EmaSchedule {
    double initial;
    double final;
    double totalIterations;

    double at(double iteration) const {
        return totalIterations > 1 ? initial + (final - initial) * iteration / (totalIterations - 1) : final;
    }
};

}  // namespace m2ds
