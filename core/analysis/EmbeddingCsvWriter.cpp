#include "analysis/EmbeddingCsvWriter.h"

#include <cstdio>

#include "common/AtomicFileWriter.h"

namespace m2ds {
namespace {

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

}  // namespace

EmbeddingCsvWriter::EmbeddingCsvWriter(const std::string& path, std::size_t dim, bool clipLevel)
    : file_(std::make_unique<AtomicFileWriter>(path)), dim_(dim), clipLevel_(clipLevel) {
    std::string header = "file,layer,frame,start_ms,end_ms";
    for (std::size_t d = 0; d < dim; ++d) header += ",d" + std::to_string(d);
    header += '\n';
    file_->write(header.data(), header.size());
}

EmbeddingCsvWriter::~EmbeddingCsvWriter() = default;

void EmbeddingCsvWriter::beginRecording(const std::string& label, const std::vector<int>& layers, double frameSeconds) {
    label_ = csvField(label);
    layers_ = layers;
    frameSeconds_ = frameSeconds;
    frames_ = 0;
    pools_.assign(clipLevel_ ? layers.size() : 0, ClipPooling(ClipPoolingKind::Mean, dim_));
}

void EmbeddingCsvWriter::addFrames(std::size_t firstFrame, const std::vector<FloatArray>& layers) {
    const std::size_t rows = layers.front().shape[0];
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (clipLevel_) {
            pools_[l].add(layers[l].values.data(), rows);
            continue;
        }
        for (std::size_t r = 0; r < rows; ++r) {
            const float* values = layers[l].values.data() + r * dim_;
            const double start = double(firstFrame + r) * frameSeconds_ * 1000.0;
            writeRow(layers_[l], long(firstFrame + r), start, start + frameSeconds_ * 1000.0, values);
        }
    }
    frames_ = firstFrame + rows;
}

void EmbeddingCsvWriter::endRecording() {
    if (!clipLevel_ || frames_ == 0) return;
    for (std::size_t l = 0; l < layers_.size(); ++l)
        writeRow(layers_[l], -1, 0.0, double(frames_) * frameSeconds_ * 1000.0, pools_[l].result().data());
}

void EmbeddingCsvWriter::writeRow(int layer, long frame, double startMs, double endMs, const float* values) {
    char number[32];
    line_ = label_;
    std::snprintf(number, sizeof number, ",%d,%ld,%.1f,%.1f", layer, frame, startMs, endMs);
    line_ += number;
    for (std::size_t d = 0; d < dim_; ++d) {
        std::snprintf(number, sizeof number, ",%.9g", values[d]);
        line_ += number;
    }
    line_ += '\n';
    file_->write(line_.data(), line_.size());
}

void EmbeddingCsvWriter::finish() { file_->commit(); }

}  // namespace m2ds
