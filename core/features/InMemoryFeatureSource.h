#pragma once
#include <string>

#include "features/FeatureSource.h"
#include "common/FloatArray.h"

namespace m2ds {

/// Features already in memory: a [N, D] float32 FloatArray (a loaded .npy, extracted embeddings).
class InMemoryFeatureSource : public FeatureSource {
public:
    /// features: [N, D] float32; label names it in errors. Throws InvalidArgument unless it is 2-D.
    explicit InMemoryFeatureSource(FloatArray features, std::string label = "in-memory features");

    /// All rows of `source` read into memory (the label kept): random row access without disk reads. Throws InputError.
    static InMemoryFeatureSource copyOf(const FeatureSource& source);

    /// Rows N.
    std::size_t rowCount() const override;
    /// Columns D.
    std::size_t dimension() const override;
    /// Rows [first, first + count) into out, [count, D] float32.
    void readRows(std::size_t first, std::size_t count, float* out) const override;
    /// The listed rows into out, [rows.size(), D] float32.
    void gatherRows(const std::vector<std::size_t>& rows, float* out) const override;
    /// The name given at construction (errors start with it).
    std::string label() const override;
    /// The [N, D] matrix itself.
    const FloatArray& features() const { return features_; }

private:
    void checkRow(std::size_t row) const;

    FloatArray features_;
    std::string label_;
};

}  // namespace m2ds
