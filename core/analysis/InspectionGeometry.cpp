#include "analysis/InspectionGeometry.h"

#include <algorithm>
#include <cmath>

#include "common/Errors.h"

namespace m2ds {

InspectionGeometry::InspectionGeometry(const ModelConfig& config, std::size_t recordingFrames, double framesPerSecond)
    : config_(config), recordingFrames_(recordingFrames), framesPerSecond_(framesPerSecond) {
    config_.validate();
    if (!(framesPerSecond > 0.0)) throw InvalidArgument("frames per second must be positive, got " + std::to_string(framesPerSecond));
}

int InspectionGeometry::chunkCount() const {
    const auto frames = std::size_t(config_.inputFrames);
    return std::max(1, int((recordingFrames_ + frames - 1) / frames));
}

int InspectionGeometry::tokensPerChunk() const { return config_.tokens(); }

ChunkSpan InspectionGeometry::chunksCovering(double fromSeconds, double toSeconds, int maxChunks) const {
    const double secondsPerChunk = config_.inputFrames / framesPerSecond_;
    const int total = chunkCount();
    ChunkSpan span;
    span.first = std::clamp(int(std::floor(fromSeconds / secondsPerChunk)), 0, total - 1);
    const int last = std::clamp(int(std::ceil(toSeconds / secondsPerChunk)), span.first + 1, total);  // one past
    span.count = std::min(last - span.first, std::max(1, maxChunks));
    return span;
}

std::size_t InspectionGeometry::firstFrame(int chunk, int token) const {
    const int col = token % config_.gridCols();
    return std::size_t(chunk) * std::size_t(config_.inputFrames) + std::size_t(col) * std::size_t(config_.patchTime);
}

bool InspectionGeometry::isPadding(int chunk, int token) const { return firstFrame(chunk, token) >= recordingFrames_; }

TokenAddress InspectionGeometry::tokenAt(std::size_t frame, int melBin) const {
    TokenAddress address;
    address.chunk = int(frame / std::size_t(config_.inputFrames));
    const int col = std::min(int(frame % std::size_t(config_.inputFrames)) / config_.patchTime, config_.gridCols() - 1);
    const int row = std::clamp(melBin / config_.patchFrequency, 0, config_.gridRows() - 1);
    address.token = row * config_.gridCols() + col;
    return address;
}

}  // namespace m2ds
