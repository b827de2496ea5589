#pragma once
#include <memory>
#include <string>
#include <vector>

#include "analysis/EmbeddingWriter.h"

namespace m2ds {

class AtomicFileWriter;

/// A TensorBoard projector folder (design.md): `tensors.tsv` (one row per embedding, tab-separated values),
/// `metadata.tsv` (a header row, then one row per embedding: label, file, layer, frame, start_s, tab-separated; label "" when unlabelled, frame −1
/// and start_s 0 for clip rows), `projector_config.pbtxt` (one `embeddings { tensor_name tensor_path metadata_path }`)
/// and the sidecar `provenance.json`. Rows come recording by recording, each chunk layer by layer. The folder is made
/// first; each file appears whole on finish() (temporary file + rename). Tabs and line breaks in names become spaces.
class EmbeddingProjectorWriter : public EmbeddingWriter {
public:
    /// folder: made (with its parents) when missing; throws OutputError when that fails.
    EmbeddingProjectorWriter(const std::string& folder, std::size_t dim, const EmbeddingExportOptions& options);
    ~EmbeddingProjectorWriter() override;
    std::string sidecarPath() const override;
    /// `name` inside the folder.
    std::string pathOf(const std::string& name) const;

private:
    void writeFrames(std::size_t layerIndex, std::size_t firstFrame, const FloatArray& rows) override;
    void writeClip(std::size_t layerIndex, const std::vector<float>& values) override;
    void commitFiles() override;
    void writeRow(int layer, long frame, double startSeconds, const float* values);
    void flush(bool always);

    std::string folder_;
    std::unique_ptr<AtomicFileWriter> tensors_;
    std::unique_ptr<AtomicFileWriter> metadata_;
    std::string tensorLines_;
    std::string metadataLines_;
};

}  // namespace m2ds
