#include "analysis/EmbeddingNpyWriter.h"

#include "analysis/EmbeddingCsvFields.h"
#include "common/AtomicFileWriter.h"
#include "common/NpyFile.h"

namespace m2ds {

EmbeddingNpyWriter::EmbeddingNpyWriter(const std::string& path, std::size_t dim, const EmbeddingExportOptions& options)
    : EmbeddingWriter(dim, options), path_(path) {}

EmbeddingNpyWriter::~EmbeddingNpyWriter() = default;

void EmbeddingNpyWriter::writeFrames(std::size_t layerIndex, std::size_t, const FloatArray& rows) {
    while (spools_.size() <= layerIndex) spools_.emplace_back(path_);
    spools_[layerIndex].append(rows.values.data(), rows.values.size());
}

void EmbeddingNpyWriter::writeClip(std::size_t, const std::vector<float>& values) {
    clipRows_.insert(clipRows_.end(), values.begin(), values.end());
}

void EmbeddingNpyWriter::recordingEnded() { recordings_.push_back({recording().file, recording().frames}); }

void EmbeddingNpyWriter::commitFiles() {
    commitArray();
    commitIndex();
}

void EmbeddingNpyWriter::commitArray() {
    const std::size_t layerCount = layers().empty() ? 1 : layers().size();
    if (options().clipLevel) {
        std::vector<std::size_t> shape{recordings_.size(), layerCount, rowDim()};
        if (layerCount == 1) shape.erase(shape.begin() + 1);
        return NpyFile::writeFloat32(path_, shape, clipRows_.data());
    }
    std::size_t frames = 0;
    for (const WrittenRecording& written : recordings_) frames += written.frames;
    std::vector<std::size_t> shape{layerCount, frames, rowDim()};
    if (layerCount == 1) shape.erase(shape.begin());
    AtomicFileWriter file(path_);
    const std::string header = NpyFile::header(shape);
    file.write(header.data(), header.size());
    for (RowSpool& spool : spools_) spool.copyTo(file);
    file.commit();
}

void EmbeddingNpyWriter::commitIndex() {
    AtomicFileWriter file(indexPath());
    std::string line = "row,file,layer,frame,start_ms,end_ms\n";
    std::size_t row = 0;
    const double frameMs = frameSeconds() * 1000.0;
    std::vector<std::string> quoted;
    for (const WrittenRecording& written : recordings_) quoted.push_back(csvQuoted(written.file));
    const auto writeLine = [&](std::size_t recording, int layer, long frame, double startMs, double endMs) {
        line += std::to_string(row++) + ',';
        appendEmbeddingRowKey(line, quoted[recording], layer, frame, startMs, endMs);
        line += '\n';
        if (line.size() > (1u << 16)) {
            file.write(line.data(), line.size());
            line.clear();
        }
    };
    for (std::size_t r = 0; options().clipLevel && r < recordings_.size(); ++r)
        for (int layer : layers()) writeLine(r, layer, -1, 0.0, double(recordings_[r].frames) * frameMs);
    for (std::size_t l = 0; !options().clipLevel && l < layers().size(); ++l)
        for (std::size_t r = 0; r < recordings_.size(); ++r)
            for (std::size_t t = 0; t < recordings_[r].frames; ++t)
                writeLine(r, layers()[l], long(t), double(t) * frameMs, double(t + 1) * frameMs);
    file.write(line.data(), line.size());
    file.commit();
}

}  // namespace m2ds
