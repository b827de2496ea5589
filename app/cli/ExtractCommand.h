#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cli/CommandContext.h"
#include "model/M2dsModel.h"

namespace m2ds::cli {

/// `m2ds extract --model CKPT [--layers all|last|0-12|3,6] [--clip] FILES… -o OUT.csv|OUT.npy`: embeddings with the
/// official runtime's semantics, plus a provenance sidecar OUT.json. A folder as --model is a Hugging Face HuBERT /
/// wav2vec 2.0 model: the plain HF pipeline (whole recording at 16 kHz, Wav2Vec2Processor normalisation, no padding),
/// layers in hidden_states indexing, [T, hidden] at 50 Hz.
struct ExtractCommand {
    std::string model;
    std::string layers = "last";
    bool clip = false;
    std::vector<std::string> files;
    std::string output;
    std::optional<float> mean;
    std::optional<float> std;
    std::string device = "cpu";

    int run(const CommandContext& context) const;

private:
    M2dsModel loadEncoder() const;
    /// The HuBERT folder path: every recording in one pass, hidden states written as the M2D path writes embeddings.
    int runHubert(const CommandContext& context) const;
};

}  // namespace m2ds::cli
