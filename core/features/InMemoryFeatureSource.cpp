#include "features/InMemoryFeatureSource.h"

#include <cstring>

#include "common/Errors.h"

namespace m2ds {

InMemoryFeatureSource::InMemoryFeatureSource(FloatArray features, std::string label)
    : features_(std::move(features)), label_(std::move(label)) {
    if (features_.shape.size() != 2 || features_.values.size() != features_.elementCount())
        throw InvalidArgument(label_ + ": features must be a [N, D] matrix, got " + std::to_string(features_.shape.size()) +
                              " dimensions");
}

InMemoryFeatureSource InMemoryFeatureSource::copyOf(const FeatureSource& source) {
    FloatArray rows{{source.rowCount(), source.dimension()}, std::vector<float>(source.rowCount() * source.dimension())};
    source.readRows(0, source.rowCount(), rows.values.data());
    return InMemoryFeatureSource(std::move(rows), source.label());
}

std::size_t InMemoryFeatureSource::rowCount() const { return features_.shape[0]; }

std::size_t InMemoryFeatureSource::dimension() const { return features_.shape[1]; }

void InMemoryFeatureSource::checkRow(std::size_t row) const {
    if (row >= rowCount())
        throw InvalidArgument(label_ + ": row " + std::to_string(row) + " is past the last row " + std::to_string(rowCount()));
}

void InMemoryFeatureSource::readRows(std::size_t first, std::size_t count, float* out) const {
    if (count == 0) return;
    checkRow(first + count - 1);
    std::memcpy(out, features_.values.data() + first * dimension(), count * dimension() * sizeof(float));
}

void InMemoryFeatureSource::gatherRows(const std::vector<std::size_t>& rows, float* out) const {
    const std::size_t d = dimension();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        checkRow(rows[i]);
        std::memcpy(out + i * d, features_.values.data() + rows[i] * d, d * sizeof(float));
    }
}

std::string InMemoryFeatureSource::label() const { return label_; }

}  // namespace m2ds
