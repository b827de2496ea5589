#pragma once
#include <string>

#include "cli/CommandContext.h"

namespace CLI {
class App;
}

namespace m2ds::cli {

/// `m2ds prepare SRC -o DIR [--noise] [--teacher mfcc|npy|model:CKPT[:LAYER]|hubert:HF_DIR[:LAYER]|none]`: log-mels
/// and teacher targets of a source, once, in the official per-utterance layout (.npz for speech, .npy for noise) plus
/// files.csv.
/// Parallel and resumable: run it again after an interruption and it continues. Under torchrun each process prepares
/// its contiguous block of the recordings and rank 0 writes the list (the folder of a single process).
struct PrepareCommand {
    std::string source;
    std::string output;
    bool noise = false;
    std::string teacher = "mfcc";
    double padSeconds = 7.0;
    int mfccCoefficients = 40;
    int workers = 2;
    std::string device = "auto";   ///< where a model teacher runs
    std::size_t teacherBatch = 0;  ///< recordings per HuBERT pass; 0: automatic
    std::string teacherDtype = "float32";  ///< float32 | bfloat16: what a HuBERT teacher computes in

    CLI::App* addTo(CLI::App& app);
    int run(const CommandContext& context) const;
};

}  // namespace m2ds::cli
