#include "audio/KaldiMfcc.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>
#include <limits>
#include <sstream>
#include <thread>

#include "audio/Waveform.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"

namespace m2ds {
namespace {

constexpr std::size_t kFramesPerBlock = 64;
const double kPi = std::acos(-1.0);
const double kLogFloor = std::numeric_limits<float>::epsilon();  // torchaudio/Kaldi floor of the mel energies

const KaldiMfccSettings& validated(const KaldiMfccSettings& s) {
    const bool valid = s.sampleRate > 0 && s.windowSamples() >= 2 && s.shiftSamples() > 0 && s.fftSize() % 2 == 0 &&
                       s.preemphasisCoefficient >= 0.0 && s.preemphasisCoefficient <= 1.0 && s.cepstralCount >= 1 &&
                       s.cepstralCount <= s.melBinCount && s.cepstralLifter >= 0.0 && s.deltaWindow >= 3 &&
                       s.deltaWindow % 2 == 1;
    if (valid) return s;
    std::ostringstream message;
    message << "Kaldi MFCC settings out of range: rate " << s.sampleRate << " Hz, window " << s.windowSamples()
            << " samples (>= 2), shift " << s.shiftSamples() << " (> 0), FFT " << s.fftSize() << " (even), "
            << "pre-emphasis " << s.preemphasisCoefficient << " (0..1), " << s.cepstralCount << " cepstra (1.."
            << s.melBinCount << "), lifter " << s.cepstralLifter << " (>= 0), delta window " << s.deltaWindow
            << " (odd, >= 3)";
    throw InvalidArgument(message.str());
}

double highEdgeHz(const KaldiMfccSettings& s) {
    return s.highFreqHz > 0.0 ? s.highFreqHz : 0.5 * s.sampleRate + s.highFreqHz;
}

/// Kaldi's "povey" window: a symmetric Hann window raised to the power 0.85.
std::vector<double> poveyWindow(int length) {
    std::vector<double> window(length);
    for (int n = 0; n < length; ++n) window[n] = std::pow(0.5 - 0.5 * std::cos(2.0 * kPi * n / (length - 1)), 0.85);
    return window;
}

/// Row k: lifter(k) * orthonormal DCT-II basis k over `melBins` log energies (row 0 is sqrt(1 / melBins)).
std::vector<double> liftedDctBasis(int cepstra, int melBins, double lifter) {
    std::vector<double> basis(static_cast<std::size_t>(cepstra) * melBins);
    for (int k = 0; k < cepstra; ++k) {
        const double scale = std::sqrt((k == 0 ? 1.0 : 2.0) / melBins);
        const double lift = lifter == 0.0 ? 1.0 : 1.0 + 0.5 * lifter * std::sin(kPi * k / lifter);
        for (int m = 0; m < melBins; ++m)
            basis[static_cast<std::size_t>(k) * melBins + m] = lift * scale * std::cos(kPi / melBins * (m + 0.5) * k);
    }
    return basis;
}

/// torchaudio compute_deltas along time with replicated edges: columns [target, target + width) of every row get
/// sum_n n (x[t + n] - x[t - n]) / (2 sum_n n^2), n = 1 .. halfWindow, of columns [source, source + width).
void writeDeltas(FloatArray& features, std::size_t source, std::size_t target, std::size_t width, int halfWindow) {
    const std::size_t frames = features.shape[0], stride = features.shape[1];
    const auto last = static_cast<std::ptrdiff_t>(frames) - 1;
    const double denominator = halfWindow * (halfWindow + 1) * (2.0 * halfWindow + 1) / 3.0;
    auto row = [&](std::ptrdiff_t t) { return features.values.data() + std::clamp<std::ptrdiff_t>(t, 0, last) * stride; };
    for (std::ptrdiff_t t = 0; t <= last; ++t)
        for (std::size_t c = 0; c < width; ++c) {
            double sum = 0.0;
            for (int n = 1; n <= halfWindow; ++n) sum += n * (double(row(t + n)[source + c]) - row(t - n)[source + c]);
            features.values[t * stride + target + c] = static_cast<float>(sum / denominator);
        }
}

int workerCount(int threads, std::size_t frames) {
    const int available = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const auto useful = static_cast<int>((frames + kFramesPerBlock - 1) / kFramesPerBlock);
    return std::max(1, std::min(available, useful));
}

}  // namespace

/// Turns frames into cepstra with its own float64 buffers; one per thread.
class KaldiMfcc::FrameWorker {
public:
    FrameWorker(const KaldiMfcc& mfcc, const float* samples, FloatArray& features)
        : mfcc_(mfcc), samples_(samples), features_(features),
          frame_(RealFft::allocate(mfcc.fft_.size())),
          spectrum_(RealFft::allocate(2 * mfcc.fft_.binCount())),
          power_(mfcc.fft_.binCount()),
          logMel_(mfcc.melBanks_.binCount()) {}

    /// Cepstra of frames [begin, end) into columns 0 .. cepstralCount - 1; stops at a block edge once cancelled.
    /// The reporting worker also reports progress (and so throws CancelledError); `done` counts finished frames.
    void run(std::size_t begin, std::size_t end, std::atomic<std::size_t>& done, const ProgressMonitor* monitor,
             bool reports) {
        for (std::size_t block = begin; block < end; block += kFramesPerBlock) {
            if (monitor && monitor->isCancelled()) break;
            const std::size_t blockEnd = std::min(end, block + kFramesPerBlock);
            for (std::size_t t = block; t < blockEnd; ++t) cepstra(t);
            done += blockEnd - block;
            if (monitor && reports) monitor->report(static_cast<double>(done) / features_.shape[0]);
        }
    }

private:
    void cepstra(std::size_t t) {
        loadFrame(t);
        mfcc_.fft_.forward(frame_.get(), spectrum_.get());
        const double* pairs = spectrum_.get();
        for (std::size_t k = 0; k < power_.size(); ++k) power_[k] = pairs[2 * k] * pairs[2 * k] + pairs[2 * k + 1] * pairs[2 * k + 1];
        mfcc_.melBanks_.apply(power_.data(), logMel_.data());
        for (double& energy : logMel_) energy = std::log(std::max(energy, kLogFloor));
        storeCepstra(features_.values.data() + t * features_.shape[1]);
    }

    /// Frame t as the FFT input: DC removed, pre-emphasised, windowed, zero-padded to the FFT size.
    void loadFrame(std::size_t t) {
        const KaldiMfccSettings& s = mfcc_.settings_;
        const std::size_t length = mfcc_.window_.size();
        double* x = frame_.get();
        const float* source = samples_ + t * static_cast<std::size_t>(s.shiftSamples());
        double sum = 0.0;
        for (std::size_t n = 0; n < length; ++n) {
            x[n] = source[n];
            sum += x[n];
        }
        const double mean = s.removeDcOffset ? sum / length : 0.0;
        for (std::size_t n = 0; n < length; ++n) x[n] -= mean;
        for (std::size_t n = length - 1; n > 0; --n) x[n] -= s.preemphasisCoefficient * x[n - 1];
        x[0] -= s.preemphasisCoefficient * x[0];
        for (std::size_t n = 0; n < length; ++n) x[n] *= mfcc_.window_[n];
        std::fill(x + length, x + mfcc_.fft_.size(), 0.0);
    }

    void storeCepstra(float* row) const {
        const std::size_t bins = logMel_.size();
        for (int k = 0; k < mfcc_.settings_.cepstralCount; ++k) {
            const double* basis = mfcc_.cepstralBasis_.data() + k * bins;
            double sum = 0.0;
            for (std::size_t m = 0; m < bins; ++m) sum += basis[m] * logMel_[m];
            row[k] = static_cast<float>(sum);
        }
    }

    const KaldiMfcc& mfcc_;
    const float* samples_;
    FloatArray& features_;
    RealFft::Buffer frame_;
    RealFft::Buffer spectrum_;
    std::vector<double> power_;
    std::vector<double> logMel_;
};

KaldiMfcc::KaldiMfcc(const KaldiMfccSettings& settings)
    : settings_(validated(settings)),
      fft_(settings.fftSize()),
      melBanks_(settings.sampleRate, settings.fftSize(), settings.melBinCount, settings.lowFreqHz, highEdgeHz(settings)),
      window_(poveyWindow(settings.windowSamples())),
      cepstralBasis_(liftedDctBasis(settings.cepstralCount, settings.melBinCount, settings.cepstralLifter)) {}

std::size_t KaldiMfcc::frameCount(std::size_t samples) const {
    const auto window = static_cast<std::size_t>(settings_.windowSamples());
    return samples < window ? 0 : 1 + (samples - window) / settings_.shiftSamples();
}

FloatArray KaldiMfcc::compute(const Waveform& waveform, int threads, const ProgressMonitor* monitor) const {
    if (waveform.sampleRate != settings_.sampleRate)
        throw InvalidArgument("Kaldi MFCCs are set up for " + std::to_string(settings_.sampleRate) +
                              " Hz, the waveform is at " + std::to_string(waveform.sampleRate) + " Hz");
    return compute(waveform.samples.data(), waveform.samples.size(), threads, monitor);
}

FloatArray KaldiMfcc::compute(const float* samples, std::size_t count, int threads,
                              const ProgressMonitor* monitor) const {
    const std::size_t frames = frameCount(count), ceps = settings_.cepstralCount;
    FloatArray features{{frames, static_cast<std::size_t>(settings_.featureDimension())},
                        std::vector<float>(frames * settings_.featureDimension())};
    if (frames > 0) {
        computeCepstra(samples, features, threads, monitor);
        writeDeltas(features, 0, ceps, ceps, settings_.deltaWindow / 2);
        writeDeltas(features, ceps, 2 * ceps, ceps, settings_.deltaWindow / 2);
    }
    if (monitor) monitor->report(1.0);
    return features;
}

void KaldiMfcc::computeCepstra(const float* samples, FloatArray& features, int threads,
                               const ProgressMonitor* monitor) const {
    const std::size_t frames = features.shape[0];
    const int workers = workerCount(threads, frames);
    auto begin = [&](int worker) { return frames * worker / workers; };
    std::atomic<std::size_t> done{0};
    std::vector<std::future<void>> helpers;  // their destructors wait, also when this thread throws
    for (int worker = 1; worker < workers; ++worker)
        helpers.push_back(std::async(std::launch::async, [&, worker] {
            FrameWorker(*this, samples, features).run(begin(worker), begin(worker + 1), done, monitor, false);
        }));
    FrameWorker(*this, samples, features).run(begin(0), begin(1), done, monitor, true);
    for (std::future<void>& helper : helpers) helper.get();
}

}  // namespace m2ds
