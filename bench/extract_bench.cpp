// Times M2dsModel::extract on one normalised log-mel, or with --utterance_seconds on that log-mel cut into utterances
// (M2dsModel::extractTogether: their chunks share passes, as `m2ds extract` encodes many short files on CUDA): best of
// N runs, printed as one JSON line.
// Driven by bench/bench_extraction.py, which times the eager PyTorch model with the same weights in the same run.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "checkpoint/CheckpointImporter.h"
#include "common/NpyFile.h"
#include "model/M2dsModel.h"

int main(int argc, char** argv) {
    CLI::App app("Time M2D-S embedding extraction");
    std::string checkpointPath, logMelPath, device = "cpu";
    int threads = 1, repeats = 1, layer = -1;
    std::size_t chunksPerPass = 0;
    double utteranceSeconds = 0.0;
    app.add_option("CKPT", checkpointPath)->required();
    app.add_option("LOGMEL", logMelPath, "normalised log-mel [80, T] .npy")->required();
    app.add_option("--threads", threads);
    app.add_option("--repeats", repeats);
    app.add_option("--layer", layer, "default: the last");
    app.add_option("--device", device);
    app.add_option("--chunks_per_pass", chunksPerPass, "M2D chunks per forward pass (0: by device, as m2ds extract)");
    app.add_option("--utterance_seconds", utteranceSeconds, "cut the log-mel into utterances this long (100 frames a second)");
    CLI11_PARSE(app, argc, argv);

    const m2ds::ImportedCheckpoint checkpoint = m2ds::CheckpointImporter().read(checkpointPath);
    m2ds::M2dsModel model = m2ds::M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights);
    m2ds::M2dsModel::setComputeThreads(threads);
    model.setDevice(device);
    model.setChunksPerPass(chunksPerPass);
    const m2ds::FloatArray logMel = m2ds::NpyFile::readFloat32(logMelPath);
    const int selected = layer < 0 ? model.config().depth : layer;
    std::vector<m2ds::FloatArray> utterances;
    const std::size_t mels = logMel.shape[0], width = logMel.shape[1], piece = std::size_t(utteranceSeconds * 100.0);
    for (std::size_t first = 0; piece > 0 && first < width; first += piece) {
        m2ds::FloatArray utterance{{mels, std::min(piece, width - first)}, {}};
        for (std::size_t mel = 0; mel < mels; ++mel)
            utterance.values.insert(utterance.values.end(), logMel.values.begin() + mel * width + first,
                                    logMel.values.begin() + mel * width + first + utterance.shape[1]);
        utterances.push_back(std::move(utterance));
    }
    double best = 1e30;
    std::size_t frames = 0;
    for (int run = 0; run < repeats; ++run) {
        const auto start = std::chrono::steady_clock::now();
        if (utterances.empty()) frames = model.extract(logMel, {selected})[0].shape[0];
        else {
            frames = 0;
            for (const auto& embeddings : model.extractTogether(utterances, {selected})) frames += embeddings[0].shape[0];
        }
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::printf("{\"seconds\": %.4f, \"frames\": %zu, \"threads\": %d, \"device\": \"%s\", \"chunks_per_pass\": %zu, \"utterances\": %zu}\n",
                best, frames, threads, device.c_str(), model.chunksPerPass(), utterances.size());
    return 0;
}
