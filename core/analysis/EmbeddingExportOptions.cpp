#include "analysis/EmbeddingExportOptions.h"

#include "common/Errors.h"
#include "common/TextUtilities.h"

namespace m2ds {

EmbeddingFormat parseEmbeddingFormat(const std::string& name) {
    if (name == "csv") return EmbeddingFormat::Csv;
    if (name == "npy") return EmbeddingFormat::Npy;
    if (name == "projector") return EmbeddingFormat::Projector;
    throw InvalidArgument("unknown embedding format '" + name + "': use csv, npy or projector");
}

std::string embeddingFormatName(EmbeddingFormat format) {
    switch (format) {
    case EmbeddingFormat::Csv: return "csv";
    case EmbeddingFormat::Npy: return "npy";
    case EmbeddingFormat::Projector: return "projector";
    }
    throw InvalidArgument("unknown embedding format " + std::to_string(int(format)));
}

EmbeddingFormat embeddingFormatOfPath(const std::string& path) {
    if (endsWith(path, ".csv")) return EmbeddingFormat::Csv;
    if (endsWith(path, ".npy")) return EmbeddingFormat::Npy;
    throw OutputError(path, "unknown output format: use .csv or .npy, or name the format (--format csv|npy|projector)");
}

}  // namespace m2ds
