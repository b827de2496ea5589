#include "audio/LogMelFrontEnd.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"

namespace m2ds {
namespace {

constexpr std::size_t kFramesPerBlock = 64;

std::vector<double> periodicHannWindow(int winLength, int nFft) {
    std::vector<double> window(nFft, 0.0);
    const int offset = (nFft - winLength) / 2;
    for (int n = 0; n < winLength; ++n)
        window[offset + n] = 0.5 - 0.5 * std::cos(2.0 * M_PI * n / winLength);
    return window;
}

/// Index into the signal for a position in the reflect-padded signal (numpy/torch "reflect": no edge repeat).
std::size_t reflectIndex(std::ptrdiff_t position, std::size_t count) {
    const auto last = static_cast<std::ptrdiff_t>(count) - 1;
    if (position < 0) return static_cast<std::size_t>(-position);
    if (position > last) return static_cast<std::size_t>(2 * last - position);
    return static_cast<std::size_t>(position);
}

/// Joins its threads when it goes out of scope, also when an exception (e.g. CancelledError) leaves.
struct JoiningThreads {
    std::vector<std::thread> threads;
    ~JoiningThreads() {
        for (std::thread& thread : threads) thread.join();
    }
};

int resolveThreads(int threads, std::size_t frames) {
    const int available = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const auto useful = static_cast<int>((frames + kFramesPerBlock - 1) / kFramesPerBlock);
    return std::max(1, std::min(available, useful));
}

}  // namespace

/// Computes a contiguous range of frames with its own FFT buffers; one per thread.
class LogMelFrontEnd::FrameRange {
public:
    FrameRange(const LogMelFrontEnd& frontEnd, const float* samples, std::size_t count, LogMelSpectrogram& out)
        : frontEnd_(frontEnd), samples_(samples), count_(count), out_(out),
          frame_(RealFft::allocate(frontEnd.config_.nFft)),
          spectrum_(RealFft::allocate(2 * frontEnd.fft_.binCount())),
          power_(frontEnd.fft_.binCount()),
          mel_(frontEnd.config_.melCount),
          block_(kFramesPerBlock * frontEnd.config_.melCount) {}

    /// Frames [begin, end); adds the frames done to `done` after every block; stops early once cancelled.
    void run(std::size_t begin, std::size_t end, std::atomic<std::size_t>& done, const ProgressMonitor* monitor) {
        for (std::size_t blockStart = begin; blockStart < end; blockStart += kFramesPerBlock) {
            if (monitor && monitor->isCancelled()) return;
            const std::size_t blockEnd = std::min(end, blockStart + kFramesPerBlock);
            for (std::size_t t = blockStart; t < blockEnd; ++t) computeFrame(t, &block_[(t - blockStart) * melCount()]);
            storeBlock(blockStart, blockEnd);
            done += blockEnd - blockStart;
        }
    }

private:
    int melCount() const { return frontEnd_.config_.melCount; }

    void computeFrame(std::size_t t, float* mel) {
        const FrontEndConfig& config = frontEnd_.config_;
        const double* window = frontEnd_.window_.data();
        const std::ptrdiff_t start = static_cast<std::ptrdiff_t>(t * config.hopLength) - config.nFft / 2;
        double* frame = frame_.get();
        if (start >= 0 && start + config.nFft <= static_cast<std::ptrdiff_t>(count_)) {
            const float* source = samples_ + start;
            for (int n = 0; n < config.nFft; ++n) frame[n] = source[n] * window[n];
        } else {
            for (int n = 0; n < config.nFft; ++n) frame[n] = samples_[reflectIndex(start + n, count_)] * window[n];
        }
        frontEnd_.fft_.forward(frame, spectrum_.get());
        const double* pairs = spectrum_.get();
        for (std::size_t k = 0; k < power_.size(); ++k) power_[k] = pairs[2 * k] * pairs[2 * k] + pairs[2 * k + 1] * pairs[2 * k + 1];
        frontEnd_.filterbank_.apply(power_.data(), mel_.data());
        for (int m = 0; m < melCount(); ++m) mel[m] = std::log(static_cast<float>(mel_[m] + config.logEpsilon));
    }

    /// Transposes the frame-major block into the mel-major output.
    void storeBlock(std::size_t blockStart, std::size_t blockEnd) {
        for (int m = 0; m < melCount(); ++m) {
            float* row = out_.values.data() + static_cast<std::size_t>(m) * out_.frameCount;
            for (std::size_t t = blockStart; t < blockEnd; ++t) row[t] = block_[(t - blockStart) * melCount() + m];
        }
    }

    const LogMelFrontEnd& frontEnd_;
    const float* samples_;
    std::size_t count_;
    LogMelSpectrogram& out_;
    RealFft::Buffer frame_;
    RealFft::Buffer spectrum_;
    std::vector<double> power_;
    std::vector<double> mel_;
    std::vector<float> block_;
};

LogMelFrontEnd::LogMelFrontEnd(const FrontEndConfig& config)
    : config_(config),
      filterbank_(config.sampleRate, config.nFft, config.melCount, config.fMinHz, config.fMaxHz),
      fft_(config.nFft),
      window_(periodicHannWindow(config.winLength, config.nFft)) {
    if (config.hopLength <= 0 || config.winLength <= 0 || config.winLength > config.nFft)
        throw InvalidArgument("front-end needs hop > 0 and 0 < win_length <= n_fft");
}

std::size_t LogMelFrontEnd::frameCount(std::size_t samples) const { return 1 + samples / config_.hopLength; }

LogMelSpectrogram LogMelFrontEnd::compute(const float* samples, std::size_t count, int threads,
                                          const ProgressMonitor* monitor) const {
    if (count < static_cast<std::size_t>(config_.minimumSamples()))
        throw InvalidArgument("too short for the log-mel front-end: " + std::to_string(count) + " samples at " +
                              std::to_string(config_.sampleRate) + " Hz, at least " +
                              std::to_string(config_.minimumSamples()) + " needed");
    LogMelSpectrogram out;
    out.melCount = config_.melCount;
    out.frameCount = frameCount(count);
    out.framesPerSecond = config_.framesPerSecond();
    out.values.resize(static_cast<std::size_t>(out.melCount) * out.frameCount);

    const int workers = resolveThreads(threads, out.frameCount);
    std::atomic<std::size_t> done{0};
    {
    JoiningThreads helpers;
    auto rangeOf = [&](int worker) {
        return std::make_pair(out.frameCount * worker / workers, out.frameCount * (worker + 1) / workers);
    };
    for (int worker = 1; worker < workers; ++worker) {
        helpers.threads.emplace_back([&, worker] {
            const auto [begin, end] = rangeOf(worker);
            FrameRange(*this, samples, count, out).run(begin, end, done, monitor);
        });
    }
    const auto [begin, end] = rangeOf(0);
    FrameRange own(*this, samples, count, out);
    for (std::size_t blockStart = begin; blockStart < end; blockStart += kFramesPerBlock) {
        own.run(blockStart, std::min(end, blockStart + kFramesPerBlock), done, monitor);
        if (monitor) monitor->report(static_cast<double>(done) / out.frameCount);
    }
    }  // helpers joined here
    if (monitor) monitor->report(1.0);
    return out;
}

}  // namespace m2ds
