// Times the M2D-S training step (masked forward with the offline loss, backward, clip, AdamW, EMA) of TrainingEngine on
// a fixed batch, printed as one JSON line. Driven by bench/bench_training.py, which times the eager PyTorch model with
// the same weights, batch, masks and threads in the same run.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "checkpoint/CheckpointImporter.h"
#include "common/MemoryTuning.h"
#include "common/NpzFile.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"
#include "train/TrainingEngine.h"

int main(int argc, char** argv) {
    CLI::App app("Time M2D-S training steps");
    std::string checkpointPath, batchPath, presets, device = "cpu", amp = "none";
    int threads = 1, steps = 5;
    app.add_option("CKPT", checkpointPath)->required();
    app.add_option("BATCH", batchPath, ".npz with input [B,1,F,T], noise [B,N], teacher [B,cols,D]")->required();
    app.add_option("--presets", presets, "models/presets (head counts)");
    app.add_option("--threads", threads);
    app.add_option("--steps", steps, "timed steps after two warm-up steps");
    app.add_option("--device", device);
    app.add_option("--amp", amp, "none | bf16 | fp16");
    CLI11_PARSE(app, argc, argv);

    const auto checkpoint = m2ds::CheckpointImporter(presets.empty() ? std::vector<m2ds::ModelConfig>{} : m2ds::ModelPresets::loadDirectory(presets))
                                .read(checkpointPath);
    m2ds::M2dsModel::setComputeThreads(threads);
    m2ds::keepFreedMemoryForReuse();  // as `m2ds train` does
    m2ds::EngineSettings settings;
    settings.device = device;
    settings.precision = amp;
    m2ds::TrainingEngine engine(checkpoint.config, settings, 0);
    engine.loadWeights(checkpoint.weights);
    const auto arrays = m2ds::NpzFile::read(batchPath);
    const m2ds::FloatArray noise = m2ds::NpzFile::member(arrays, "noise", batchPath);
    const m2ds::TrainingBatch batch = m2ds::TrainingBatch::fromArrays(m2ds::NpzFile::member(arrays, "input", batchPath),
                                                                       m2ds::NpzFile::member(arrays, "teacher", batchPath));
    double loss = 0.0;
    auto step = [&] {
        loss = engine.forwardBackward(batch, noise).loss;
        engine.update(1e-4, 0.9999, false);
    };
    step();
    step();
    std::string times;
    for (int i = 0; i < steps; ++i) {
        const auto start = std::chrono::steady_clock::now();
        step();
        times += (i ? ", " : "") + std::to_string(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::printf("{\"step_seconds\": [%s], \"loss\": %.6f, \"peak_memory_mib\": %.0f, \"device\": \"%s\", \"amp\": \"%s\"}\n", times.c_str(),
                loss, engine.peakMemoryMiB(), engine.device().c_str(), amp.c_str());
    return 0;
}
