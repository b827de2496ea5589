#pragma once
#include <QString>
#include <QVector>

namespace m2ds {

/// One numeric flag of `m2ds train` as the Train form shows it: the flag, a label, the official default
/// (as text, exactly what is passed on) and the accepted range. Minimum and maximum are inclusive.
struct TrainParameter {
    enum class Kind { Integer, Real, OptionalReal };  ///< OptionalReal: empty = not passed (the run derives it)

    QString flag;          ///< without the dashes: "batch_size"
    QString label;
    QString defaultValue;
    Kind kind = Kind::Real;
    double minimum = 0.0;
    double maximum = 1e12;
    QString group;         ///< "Schedule", "M2D-S", "Run"
    QString help;

    /// The numeric flags of `m2ds train` with the official M2D-S defaults, in form order.
    static const QVector<TrainParameter>& all();
    /// The parameter named `flag`, or null.
    static const TrainParameter* find(const QString& flag);
};

}  // namespace m2ds
