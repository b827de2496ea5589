#include "features/FrameFeatureExtractor.h"

#include "common/Errors.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

FrameFeatureExtractor::~FrameFeatureExtractor() = default;

void FrameFeatureExtractor::extractEach(const std::vector<std::string>& paths, const FileFeaturesSink& sink, const ProgressMonitor& monitor) const {
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const ProgressMonitor part = monitor.slice(double(i) / double(paths.size()), double(i + 1) / double(paths.size()));
        FloatArray features;
        try {
            features = extract(paths[i], &part);
        } catch (const InputError& error) {
            if (!sink.unusable) throw;
            sink.unusable(i, error);
            continue;
        }
        sink.features(i, std::move(features));
    }
}

}  // namespace m2ds
