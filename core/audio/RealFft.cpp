#include "audio/RealFft.h"

#include <fftw3.h>
#include <map>
#include <mutex>
#include <new>

#include "common/Errors.h"

namespace m2ds {
namespace {

std::mutex& plannerMutex() {
    static std::mutex mutex;
    return mutex;
}

fftw_plan planFor(int size) {
    // Plans live for the process, like FFTW's own wisdom: the map is never destroyed, so no plan dies under a worker
    // thread at exit, and the plans stay reachable (LeakSanitizer reported them once a static map had been destroyed).
    static auto& plans = *new std::map<int, fftw_plan>;
    const std::lock_guard<std::mutex> lock(plannerMutex());
    auto found = plans.find(size);
    if (found != plans.end()) return found->second;
    RealFft::Buffer input = RealFft::allocate(size);
    RealFft::Buffer output = RealFft::allocate(2 * (size / 2 + 1));
    fftw_plan plan = fftw_plan_dft_r2c_1d(size, input.get(), reinterpret_cast<fftw_complex*>(output.get()),
                                            FFTW_MEASURE | FFTW_DESTROY_INPUT);
    if (!plan) throw Error("FFTW could not plan a real FFT of size " + std::to_string(size));
    plans.emplace(size, plan);
    return plan;
}

}  // namespace

RealFft::RealFft(int size) : size_(size) {
    if (size < 2) throw InvalidArgument("FFT size must be at least 2, got " + std::to_string(size));
    plan_ = planFor(size);
}

void RealFft::forward(double* input, double* outputPairs) const {
    fftw_execute_dft_r2c(static_cast<fftw_plan>(plan_), input, reinterpret_cast<fftw_complex*>(outputPairs));
}

void RealFft::FreeBuffer::operator()(double* buffer) const { fftw_free(buffer); }

RealFft::Buffer RealFft::allocate(std::size_t count) {
    double* buffer = fftw_alloc_real(count);
    if (!buffer) throw std::bad_alloc();
    return Buffer(buffer);
}

}  // namespace m2ds
