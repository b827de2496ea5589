#include "training/TrainParameter.h"

#include "train/TrainOption.h"

namespace m2ds {
namespace {

QVector<TrainParameter> makeParameters() {
    QVector<TrainParameter> parameters;
    const std::vector<TrainOption>& options = TrainOption::all();
    for (int index = 0; index < int(options.size()); ++index) {
        const TrainOption& option = options[std::size_t(index)];
        if (!option.inForm) continue;
        const auto kind = option.kind == TrainOption::Kind::Integer ? TrainParameter::Kind::Integer
                          : option.optional                         ? TrainParameter::Kind::OptionalReal
                                                                    : TrainParameter::Kind::Real;
        parameters.push_back({QString::fromStdString(option.flag), QString::fromStdString(option.label),
                              option.optional ? QString() : QString::fromStdString(option.defaultText()), kind,
                              QString::fromStdString(option.rangeText()), QString::fromStdString(option.group),
                              QString::fromStdString(option.help), index});
    }
    return parameters;
}

}  // namespace

QString TrainParameter::problemWith(double value) const {
    return QString::fromStdString(TrainOption::all()[std::size_t(option)].problemWith(value));
}

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
