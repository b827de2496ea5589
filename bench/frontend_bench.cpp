// Times the log-mel front-end on one recording: best of N runs, printed as one JSON line.
// Driven by bench/bench_frontend.py, which times torchaudio on the same audio in the same run.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "audio/LogMelFrontEnd.h"
#include "audio/WaveformLoader.h"

int main(int argc, char** argv) {
    CLI::App app("Time the M2D log-mel front-end");
    std::string path;
    int threads = 1;
    int repeats = 5;
    app.add_option("FILE", path, "Recording (16 kHz mono avoids timing the resampler's input side)")->required();
    app.add_option("--threads", threads, "0 = all hardware threads");
    app.add_option("--repeats", repeats, "Runs; the best is reported");
    CLI11_PARSE(app, argc, argv);

    const m2ds::Waveform waveform = m2ds::WaveformLoader().load(path);
    const m2ds::LogMelFrontEnd frontEnd;
    double best = 1e30;
    std::size_t frames = 0;
    for (int run = 0; run < repeats; ++run) {
        const auto start = std::chrono::steady_clock::now();
        frames = frontEnd.compute(waveform.samples.data(), waveform.samples.size(), threads).frameCount;
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::printf("{\"seconds\": %.6f, \"audio_seconds\": %.3f, \"frames\": %zu, \"threads\": %d}\n", best,
                waveform.durationSeconds(), frames, threads);
    return 0;
}
