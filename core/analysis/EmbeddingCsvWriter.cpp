#include "analysis/EmbeddingCsvWriter.h"

#include <cstdio>

#include "analysis/EmbeddingCsvFields.h"
#include "common/AtomicFileWriter.h"

namespace m2ds {

EmbeddingCsvWriter::EmbeddingCsvWriter(const std::string& path, std::size_t dim, const EmbeddingExportOptions& options)
    : EmbeddingWriter(dim, options), path_(path), file_(std::make_unique<AtomicFileWriter>(path)) {
    std::string header = "file,layer,frame,start_ms,end_ms";
    for (std::size_t d = 0; d < rowDim(); ++d) header += ",d" + std::to_string(d);
    header += '\n';
    file_->write(header.data(), header.size());
}

EmbeddingCsvWriter::~EmbeddingCsvWriter() = default;

void EmbeddingCsvWriter::writeFrames(std::size_t layerIndex, std::size_t firstFrame, const FloatArray& rows) {
    const double frameMs = frameSeconds() * 1000.0;
    for (std::size_t r = 0; r < rows.shape[0]; ++r) {
        const double start = double(firstFrame + r) * frameMs;
        writeRow(layers()[layerIndex], long(firstFrame + r), start, start + frameMs, rows.values.data() + r * frameDim());
    }
}

void EmbeddingCsvWriter::writeClip(std::size_t layerIndex, const std::vector<float>& values) {
    writeRow(layers()[layerIndex], -1, 0.0, double(recording().frames) * frameSeconds() * 1000.0, values.data());
}

void EmbeddingCsvWriter::writeRow(int layer, long frame, double startMs, double endMs, const float* values) {
    line_.clear();
    appendEmbeddingRowKey(line_, csvQuoted(recording().file), layer, frame, startMs, endMs);
    char number[32];
    for (std::size_t d = 0; d < rowDim(); ++d) {
        std::snprintf(number, sizeof number, ",%.9g", values[d]);
        line_ += number;
    }
    line_ += '\n';
    file_->write(line_.data(), line_.size());
}

void EmbeddingCsvWriter::commitFiles() { file_->commit(); }

}  // namespace m2ds
