#include "analysis/EmbeddingWriter.h"

#include "analysis/EmbeddingCsvWriter.h"
#include "analysis/EmbeddingNpyWriter.h"
#include "analysis/EmbeddingProjectorWriter.h"
#include "common/Errors.h"

namespace m2ds {

std::unique_ptr<EmbeddingWriter> EmbeddingWriter::create(const std::string& path, std::size_t dim, const EmbeddingExportOptions& options) {
    switch (options.format) {
    case EmbeddingFormat::Csv: return std::make_unique<EmbeddingCsvWriter>(path, dim, options);
    case EmbeddingFormat::Npy: return std::make_unique<EmbeddingNpyWriter>(path, dim, options);
    case EmbeddingFormat::Projector: return std::make_unique<EmbeddingProjectorWriter>(path, dim, options);
    }
    throw InvalidArgument("unknown embedding format " + std::to_string(int(options.format)));
}

EmbeddingWriter::EmbeddingWriter(std::size_t dim, EmbeddingExportOptions options)
    : dim_(dim), options_(options), rowDim_(options.clipLevel ? ClipPooling(options.pooling, dim).outputDim() : dim) {
    if (dim == 0) throw InvalidArgument("embeddings need at least one value per frame");
}

EmbeddingWriter::~EmbeddingWriter() = default;

void EmbeddingWriter::beginRecording(const std::string& file, const std::vector<int>& layers, double frameSeconds, const std::string& label) {
    if (layers.empty()) throw InvalidArgument("embeddings of " + file + ": no layer selected");
    if (contents_.files.empty()) {
        contents_.layers = layers;
        contents_.frameSeconds = frameSeconds;
    } else if (layers != contents_.layers || frameSeconds != contents_.frameSeconds) {
        throw InvalidArgument("embeddings of " + file + ": every recording of one export needs the same layers and frame period");
    }
    contents_.files.push_back(file);
    recording_ = {file, label, 0};
    pools_.assign(options_.clipLevel ? layers.size() : 0, ClipPooling(options_.pooling, dim_));
}

void EmbeddingWriter::addFrames(std::size_t firstFrame, const std::vector<FloatArray>& layers) {
    if (layers.size() != contents_.layers.size())
        throw InvalidArgument("embeddings of " + recording_.file + ": " + std::to_string(layers.size()) + " layers given, " +
                              std::to_string(contents_.layers.size()) + " selected");
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (layers[l].shape.size() != 2 || layers[l].shape[1] != dim_ || layers[l].shape[0] != layers.front().shape[0])
            throw InvalidArgument("embeddings of " + recording_.file + ": frames are not [rows, " + std::to_string(dim_) + "]");
        if (options_.clipLevel) pools_[l].add(layers[l].values.data(), layers[l].shape[0]);
        else writeFrames(l, firstFrame, layers[l]);
    }
    recording_.frames = firstFrame + layers.front().shape[0];
}

void EmbeddingWriter::endRecording() {
    if (options_.clipLevel) {
        if (recording_.frames == 0) throw InputError(recording_.file, "too short for one embedding frame");
        for (std::size_t l = 0; l < pools_.size(); ++l) writeClip(l, pools_[l].result());
    }
    recordingEnded();
}

void EmbeddingWriter::finish(const EmbeddingProvenance& provenance) {
    commitFiles();
    writeEmbeddingSidecar(sidecarPath(), provenance, options_, contents_);
}

}  // namespace m2ds
