#pragma once
#include <QString>
#include <QVector>

namespace m2ds {

/// One numeric flag of `m2ds train` as the Train form shows it: the flag, a label, the official default (as text,
/// exactly what is passed on), the range as text and the help — all from core's table of training options
/// (core/train/TrainOption), which the command line and TrainConfig::validate() read too.
struct TrainParameter {
    enum class Kind { Integer, Real, OptionalReal };  ///< OptionalReal: empty = not passed (the run derives it)

    QString flag;          ///< without the dashes: "batch_size"
    QString label;
    QString defaultValue;
    Kind kind = Kind::Real;
    QString range;         ///< "[1, 65536]", "(0, 1)"
    QString group;         ///< "Schedule", "M2D-S", "Run"
    QString help;
    int option = -1;       ///< index in core's table

    /// Empty when `value` is allowed, else the message core gives for it (e.g. "batch_size: 0 is outside [1, 65536]").
    QString problemWith(double value) const;

    /// The numeric flags of `m2ds train` that the form shows, with the official M2D-S defaults, in form order.
    static const QVector<TrainParameter>& all();
    /// The parameter named `flag`, or null.
    static const TrainParameter* find(const QString& flag);
};

}  // namespace m2ds
