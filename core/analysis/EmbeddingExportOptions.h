#pragma once
#include <string>

#include "analysis/ClipPooling.h"

namespace m2ds {

/// The file layouts embeddings are exported in (design.md): the CSV table, NPY + index CSV, a TensorBoard projector
/// folder.
enum class EmbeddingFormat { Csv, Npy, Projector };

/// "csv" | "npy" | "projector" → format; throws InvalidArgument listing the choices.
EmbeddingFormat parseEmbeddingFormat(const std::string& name);
/// format → its name as parseEmbeddingFormat reads it.
std::string embeddingFormatName(EmbeddingFormat format);
/// The format an output path's extension names: .csv or .npy; throws OutputError(path, …) for anything else (a
/// projector folder needs its format named).
EmbeddingFormat embeddingFormatOfPath(const std::string& path);

/// How one export is written: its format, frame rows or one pooled row per (recording, layer).
struct EmbeddingExportOptions {
    EmbeddingFormat format = EmbeddingFormat::Csv;
    bool clipLevel = false;
    ClipPoolingKind pooling = ClipPoolingKind::Mean;  ///< clip level only; mean is the official runtime's
};

}  // namespace m2ds
