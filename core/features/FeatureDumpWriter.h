#pragma once
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

/// Writes one shard of fairseq's feature dump layout: NAME.npy [rows, D] float32 and NAME.len (frames per
/// utterance, one line each), utterance after utterance, without knowing the row count up front and without
/// holding the features in memory (rows go to a temporary file first). Atomic: nothing appears before finish().
class FeatureDumpWriter {
public:
    /// npyPath: NAME.npy; dimension D ≥ 1. Throws OutputError when the temporary file cannot be created.
    FeatureDumpWriter(std::string npyPath, std::size_t dimension);
    ~FeatureDumpWriter();
    FeatureDumpWriter(const FeatureDumpWriter&) = delete;
    FeatureDumpWriter& operator=(const FeatureDumpWriter&) = delete;

    /// Appends one utterance's [T, D] float32 frames (T may be 0); throws InvalidArgument for another D, OutputError.
    void append(const FloatArray& frames);
    /// Writes NAME.npy and NAME.len (atomically) and removes the temporary rows; throws OutputError.
    void finish();
    /// Frames of each utterance appended so far.
    const std::vector<std::size_t>& lengths() const { return lengths_; }

private:
    std::string npyPath_;
    std::string rowsPath_;
    std::size_t dimension_;
    std::FILE* rows_ = nullptr;
    std::size_t rowCount_ = 0;
    std::vector<std::size_t> lengths_;
};

}  // namespace m2ds
