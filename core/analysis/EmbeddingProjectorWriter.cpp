#include "analysis/EmbeddingProjectorWriter.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"

namespace m2ds {
namespace {

/// `text` as one TSV field: tabs and line breaks (which TSV cannot hold) become spaces.
std::string tsvField(std::string text) {
    for (char& c : text)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return text;
}

std::string madeFolder(const std::string& folder) {
    const std::filesystem::path path = std::filesystem::u8path(folder);
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error || !std::filesystem::is_directory(path))
        throw OutputError(folder, "cannot make the projector folder" + (error ? " (" + error.message() + ")" : std::string(" (a file is in the way)")));
    return folder;
}

}  // namespace

EmbeddingProjectorWriter::EmbeddingProjectorWriter(const std::string& folder, std::size_t dim, const EmbeddingExportOptions& options)
    : EmbeddingWriter(dim, options), folder_(madeFolder(folder)),
      tensors_(std::make_unique<AtomicFileWriter>(pathOf("tensors.tsv"))),
      metadata_(std::make_unique<AtomicFileWriter>(pathOf("metadata.tsv"))),
      metadataLines_("label\tfile\tlayer\tframe\tstart_s\n") {}

EmbeddingProjectorWriter::~EmbeddingProjectorWriter() = default;

std::string EmbeddingProjectorWriter::pathOf(const std::string& name) const {
    return (std::filesystem::u8path(folder_) / name).u8string();
}

std::string EmbeddingProjectorWriter::sidecarPath() const { return pathOf("provenance.json"); }

void EmbeddingProjectorWriter::writeFrames(std::size_t layerIndex, std::size_t firstFrame, const FloatArray& rows) {
    for (std::size_t r = 0; r < rows.shape[0]; ++r)
        writeRow(layers()[layerIndex], long(firstFrame + r), double(firstFrame + r) * frameSeconds(), rows.values.data() + r * frameDim());
    flush(false);
}

void EmbeddingProjectorWriter::writeClip(std::size_t layerIndex, const std::vector<float>& values) {
    writeRow(layers()[layerIndex], -1, 0.0, values.data());
    flush(false);
}

void EmbeddingProjectorWriter::writeRow(int layer, long frame, double startSeconds, const float* values) {
    char number[64];
    for (std::size_t d = 0; d < rowDim(); ++d) {
        std::snprintf(number, sizeof number, d == 0 ? "%.9g" : "\t%.9g", values[d]);
        tensorLines_ += number;
    }
    tensorLines_ += '\n';
    std::snprintf(number, sizeof number, "\t%d\t%ld\t%.3f\n", layer, frame, startSeconds);
    metadataLines_ += tsvField(recording().label) + '\t' + tsvField(recording().file) + number;
}

void EmbeddingProjectorWriter::flush(bool always) {
    if (!always && tensorLines_.size() < (1u << 16)) return;
    tensors_->write(tensorLines_.data(), tensorLines_.size());
    metadata_->write(metadataLines_.data(), metadataLines_.size());
    tensorLines_.clear();
    metadataLines_.clear();
}

void EmbeddingProjectorWriter::commitFiles() {
    flush(true);
    tensors_->commit();
    metadata_->commit();
    AtomicFileWriter::writeFile(pathOf("projector_config.pbtxt"),
                                "embeddings {\n  tensor_name: \"m2ds embeddings\"\n  tensor_path: \"tensors.tsv\"\n"
                                "  metadata_path: \"metadata.tsv\"\n}\n");
}

}  // namespace m2ds
