#pragma once
#include <optional>
#include <string>
#include <vector>

#include "analysis/EmbeddingExportOptions.h"
#include "cli/CommandContext.h"
#include "model/M2dsModel.h"

namespace m2ds::cli {

/// `m2ds extract --model CKPT [--layers all|last|0-12|3,6] [--clip [--pooling mean|mean+std|max|first|last]]
/// [--format csv|npy|projector] FILES… -o OUT`: embeddings with the official runtime's semantics through one
/// EmbeddingWriter (CSV; NPY + index CSV; a TensorBoard projector folder), plus the provenance sidecar. The format
/// defaults to OUT's extension (.csv, .npy). A folder as --model is a Hugging Face HuBERT /
/// wav2vec 2.0 model: the plain HF pipeline (whole recording at 16 kHz, Wav2Vec2Processor normalisation, no padding),
/// layers in hidden_states indexing, [T, hidden] at 50 Hz.
struct ExtractCommand {
    std::string model;
    std::string layers = "last";
    bool clip = false;
    std::string pooling = "mean";  ///< clip level: ClipPooling's name
    std::string format;            ///< csv | npy | projector; empty: from the output's extension
    std::vector<std::string> files;
    std::string output;
    std::optional<float> mean;
    std::optional<float> std;
    std::string device = "cpu";
    std::size_t chunksPerPass = 0;  ///< M2D chunks per forward pass; 0: by device
    std::size_t hubertBatch = 0;    ///< HuBERT recordings per forward pass, grouped by length; 0: by device

    int run(const CommandContext& context) const;

private:
    M2dsModel loadEncoder() const;
    /// Format, level and pooling from the options; throws OutputError for an output of unknown format.
    EmbeddingExportOptions exportOptions() const;
    /// The HuBERT folder path: each recording whole, `hubertBatch` of them per pass (length-bucketed), hidden states
    /// written as the M2D path writes embeddings.
    int runHubert(const CommandContext& context, const EmbeddingExportOptions& options) const;
};

}  // namespace m2ds::cli
