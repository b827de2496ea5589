#pragma once
#include <string>
#include <vector>

#include "analysis/EmbeddingExportOptions.h"

namespace m2ds {

struct ModelConfig;

/// What made a set of embeddings, as far as the encoder goes. Encoder-specific members come as JSON object text so
/// that this target needs no encoder library beyond M2dsModel's (a HuBERT caller fills them from its HubertConfig).
struct EmbeddingProvenance {
    std::string checkpoint;           ///< the weights file as given; its SHA-256 goes in checkpoint_sha256
    std::string modelJson = "{}";     ///< the sidecar's "model": the encoder's geometry, a JSON object
    std::string pipelineJson = "{}";  ///< further top-level members (front end, normalisation, …), a JSON object
};

/// The provenance of an M2D / M2D-S checkpoint's embeddings: its ModelConfig as "model", the log-mel front end and the
/// normalisation stats.
EmbeddingProvenance m2dsEmbeddingProvenance(const std::string& checkpoint, const ModelConfig& config);

/// What the writer saw of the export: the layers (official indexing), seconds per frame, the recordings in order.
struct EmbeddingExportContents {
    std::vector<int> layers;
    double frameSeconds = 0.0;
    std::vector<std::string> files;
};

/// Writes the provenance sidecar (design.md) at `path`, atomically: checkpoint + checkpoint_sha256, the provenance's
/// members, layers, level ("frame" | "clip"; plus pooling at clip level), format, frame_seconds, files, m2ds_version.
/// Throws InputError when the checkpoint cannot be read, InvalidArgument for malformed JSON members, OutputError.
void writeEmbeddingSidecar(const std::string& path, const EmbeddingProvenance& provenance, const EmbeddingExportOptions& options,
                           const EmbeddingExportContents& contents);

}  // namespace m2ds
