#include "features/LayerEmbeddingExtractor.h"

#include "common/Errors.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

LayerEmbeddingExtractor::~LayerEmbeddingExtractor() = default;

void LayerEmbeddingExtractor::extractEach(const std::vector<std::string>& paths, const RecordingFramesSink& sink, const ProgressMonitor* monitor) const {
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const ProgressMonitor part = monitor ? monitor->slice(double(i) / double(paths.size()), double(i + 1) / double(paths.size())) : ProgressMonitor();
        try {
            extract(paths[i], [&](const std::vector<FloatArray>& layers) { sink.frames(i, layers); }, &part);
        } catch (const InputError& error) {
            if (!sink.unusable) throw;
            sink.unusable(i, error);
            continue;
        }
        sink.done(i);
    }
}

}  // namespace m2ds
