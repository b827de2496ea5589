#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "train/TrainConfig.h"

namespace m2ds {

/// One numeric flag of `m2ds train`: its official name, label, help, group, the TrainConfig field it sets, its range
/// and whether the Train form shows it. The one description that the command line, the Train form and
/// TrainConfig::validate() all read; the default is the field's in TrainConfig.
struct TrainOption {
    enum class Kind { Integer, Real };
    using Field = std::variant<int TrainConfig::*, double TrainConfig::*, std::uint64_t TrainConfig::*>;

    std::string flag;   ///< without the dashes: "batch_size"
    std::string label;  ///< "Batch size"
    std::string group;  ///< "Schedule", "M2D-S", "Run"
    std::string help;
    Field field;
    Kind kind = Kind::Real;
    double minimum = 0.0;
    double maximum = 0.0;
    bool minimumOpen = false;  ///< the range excludes its minimum: (min, …
    bool maximumOpen = false;  ///< … max)
    bool optional = false;     ///< 0 means "derive it" (lr from blr); the form leaves it empty
    bool inForm = true;        ///< shown by the Train page

    /// The field's value in `config`.
    double valueIn(const TrainConfig& config) const;
    /// Sets the field in `config` (integers are rounded toward zero; check problemWith() first).
    void setIn(TrainConfig& config, double value) const;
    /// The default (TrainConfig's) as the command line writes it: "64", "0.0003", "0.99995".
    std::string defaultText() const;
    /// "[1, 65536]", "(0, 1)".
    std::string rangeText() const;
    /// Empty when `value` is allowed, else the message core, the CLI and the form give, e.g.
    /// "batch_size: 0 is outside [1, 65536]" or "epochs: 1.5 is not a whole number".
    std::string problemWith(double value) const;

    /// Every numeric flag of `m2ds train`, in the form's order.
    static const std::vector<TrainOption>& all();
    /// The option named `flag`, or null.
    static const TrainOption* find(const std::string& flag);
};

}  // namespace m2ds
