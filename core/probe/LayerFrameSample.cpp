#include "probe/LayerFrameSample.h"

#include <algorithm>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "features/LayerEmbeddingExtractor.h"
#include "probe/RecordingLayerFrames.h"

namespace m2ds {
LayerFrameSample LayerFrameSample::collect(const std::vector<std::string>& files, const std::vector<const LayerEmbeddingExtractor*>& models,
                                           std::size_t maxFrames, const ProgressMonitor& progress) {
    requireOneFrameRate(models, "similarity");
    LayerFrameSample sample;
    for (const LayerEmbeddingExtractor* model : models)
        sample.models.emplace_back(model->layers().size(), RowMatrix{0, model->dimension(), {}});
    const std::size_t perFile = std::max<std::size_t>(1, maxFrames / std::max<std::size_t>(1, files.size()));
    for (std::size_t f = 0; f < files.size(); ++f) {
        const ProgressMonitor slice = progress.slice(double(f) / double(files.size()), double(f + 1) / double(files.size()));
        std::vector<RecordingLayerFrames> frames;
        try {
            for (const LayerEmbeddingExtractor* model : models) frames.push_back(RecordingLayerFrames::of(*model, files[f], &slice));
        } catch (const InputError& error) {
            sample.skipped.push_back(error.what());
            continue;
        }
        std::size_t count = frames.front().frames;
        for (const RecordingLayerFrames& model : frames) count = std::min(count, model.frames);
        if (count == 0) continue;
        for (std::size_t t : spreadIndices(count, perFile))
            for (std::size_t m = 0; m < models.size(); ++m)
                for (std::size_t l = 0; l < frames[m].layers.size(); ++l) {
                    RowMatrix& layer = sample.models[m][l];
                    layer.values.insert(layer.values.end(), frames[m].row(l, t), frames[m].row(l, t) + layer.cols);
                    ++layer.rows;
                }
        ++sample.recordings;
    }
    if (sample.recordings == 0) throw InputError(files.empty() ? std::string("similarity") : files.front(), "no usable recording to compare layers on");
    progress.report(1.0);
    return sample;
}

}  // namespace m2ds
