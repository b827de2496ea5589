#pragma once
#include <memory>
#include <string>

#include "analysis/EmbeddingWriter.h"

namespace m2ds {

class AtomicFileWriter;

/// Embedding CSV (design.md): UTF-8, header `file,layer,frame,start_ms,end_ms,d0,…`, one row per
/// (recording, layer, frame); clip-level rows (pooled over time) have frame -1 and span the recording. Rows stream to
/// a temporary file that finish() renames into place; the sidecar is `<path>.json`.
class EmbeddingCsvWriter : public EmbeddingWriter {
public:
    /// dim: values per frame; the header names rowDim() value columns.
    EmbeddingCsvWriter(const std::string& path, std::size_t dim, const EmbeddingExportOptions& options);
    ~EmbeddingCsvWriter() override;
    std::string sidecarPath() const override { return path_ + ".json"; }

private:
    void writeFrames(std::size_t layerIndex, std::size_t firstFrame, const FloatArray& rows) override;
    void writeClip(std::size_t layerIndex, const std::vector<float>& values) override;
    void commitFiles() override;
    void writeRow(int layer, long frame, double startMs, double endMs, const float* values);

    std::string path_;
    std::unique_ptr<AtomicFileWriter> file_;
    std::string line_;
};

}  // namespace m2ds
