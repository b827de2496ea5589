#include "audio/Resampler.h"

#include <cmath>
#include <soxr.h>

#include "common/Errors.h"

namespace m2ds {

Resampler::Resampler(double inputRate, double outputRate) : ratio_(outputRate / inputRate) {
    soxr_error_t error = nullptr;
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
    soxr_ = soxr_create(inputRate, outputRate, 1, &error, &io, &quality, nullptr);
    if (error || !soxr_)
        throw InvalidArgument("cannot resample from " + std::to_string(inputRate) + " Hz to " +
                              std::to_string(outputRate) + " Hz: " + (error ? error : "soxr_create failed"));
}

Resampler::~Resampler() { soxr_delete(soxr_); }

void Resampler::process(const float* input, std::size_t count, std::vector<float>& out) {
    if (count > 0) drain(input, count, out);
}

void Resampler::finish(std::vector<float>& out) { drain(nullptr, 0, out); }

void Resampler::drain(const float* input, std::size_t count, std::vector<float>& out) {
    // With input == nullptr soxr flushes its tail; loop until a call produces nothing more.
    std::size_t consumed = 0;
    do {
        const std::size_t room = static_cast<std::size_t>(std::ceil((count - consumed) * ratio_)) + 1024;
        const std::size_t before = out.size();
        out.resize(before + room);
        std::size_t inDone = 0;
        std::size_t outDone = 0;
        const soxr_error_t error = soxr_process(soxr_, input ? input + consumed : nullptr, count - consumed, &inDone,
                                                out.data() + before, room, &outDone);
        out.resize(before + outDone);
        if (error) throw Error(std::string("resampling failed: ") + error);
        consumed += inDone;
        if (!input && outDone == 0) break;
    } while (input ? consumed < count : true);
}

}  // namespace m2ds
