#include "analysis/ReadoutTraining.h"

#include <algorithm>

#include "analysis/MaskedInspection.h"
#include "analysis/PatchReconstruction.h"
#include "analysis/ReadoutFeatures.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "model/M2dsModel.h"

namespace m2ds {
namespace {

constexpr int kChunksPerPass = 16;

/// Training rows gathered so far: features [n, dim], patches [n, pf · pt], held-out flags [n].
struct Rows {
    RowMatrix x, y;
    std::vector<char> heldOut;
};

void collect(const MaskedInspection& inspection, const MaskedInspectionResult& result, const ModelConfig& config, std::size_t run, Rows& rows) {
    const RowMatrix patches = PatchReconstruction::patches(result.input, config);
    const std::size_t dim = std::size_t(result.latentDim), tokens = std::size_t(config.tokens());
    rows.x.cols = dim;
    rows.y.cols = patches.cols;
    std::vector<float> features(dim);
    for (std::size_t index = 0; index < result.masked.size(); ++index) {
        const int chunk = result.chunks.first + int(index / tokens), token = int(index % tokens);
        if (!result.masked[index] || inspection.geometry().isPadding(chunk, token)) continue;
        ReadoutFeatures::ofTarget(result.targetLatent.data() + index * dim, dim, features.data());
        rows.x.values.insert(rows.x.values.end(), features.begin(), features.end());
        rows.y.values.insert(rows.y.values.end(), patches.row(index), patches.row(index) + patches.cols);
        const std::size_t column = std::size_t(chunk) * std::size_t(config.gridCols()) + std::size_t(token % config.gridCols());
        rows.heldOut.push_back(ReadoutTraining::isHeldOut(column, run) ? 1 : 0);
    }
    rows.x.rows = rows.y.rows = rows.heldOut.size();
}

/// Every k-th row so that at most `limit` remain.
Rows thin(Rows rows, std::size_t limit) {
    if (rows.heldOut.size() <= limit) return rows;
    const std::size_t step = (rows.heldOut.size() + limit - 1) / limit;
    Rows kept;
    kept.x.cols = rows.x.cols;
    kept.y.cols = rows.y.cols;
    for (std::size_t r = 0; r < rows.heldOut.size(); r += step) {
        kept.x.values.insert(kept.x.values.end(), rows.x.row(r), rows.x.row(r) + rows.x.cols);
        kept.y.values.insert(kept.y.values.end(), rows.y.row(r), rows.y.row(r) + rows.y.cols);
        kept.heldOut.push_back(rows.heldOut[r]);
    }
    kept.x.rows = kept.y.rows = kept.heldOut.size();
    return kept;
}

}  // namespace

std::size_t ReadoutTraining::heldOutRun(std::size_t totalColumns) { return std::clamp<std::size_t>(totalColumns / 20, 1, kHeldOutColumns); }

bool ReadoutTraining::isHeldOut(std::size_t column, std::size_t run) { return column / run % 5 == 4; }

LinearReadout ReadoutTraining::fit(const M2dsModel& model, const std::vector<ReadoutRecording>& recordings, double maskRatio,
                                   const ProgressMonitor& monitor) {
    if (!model.hasTrainingParts()) throw InvalidArgument("a reconstruction readout needs a full model (predictor and target encoder)");
    std::size_t totalColumns = 0;
    for (const ReadoutRecording& recording : recordings) totalColumns += recording.frames / std::size_t(model.config().patchTime);
    const std::size_t run = heldOutRun(totalColumns);
    Rows rows;
    std::size_t done = 0;
    for (const ReadoutRecording& recording : recordings) {
        const MaskedInspection inspection(model, recording.logMel, recording.melCount, recording.frames, recording.framesPerSecond);
        const int chunks = inspection.geometry().chunkCount();
        for (int seed = 0; seed < kSeeds; ++seed)
            for (int first = 0; first < chunks; first += kChunksPerPass) {
                collect(inspection, inspection.run(unsigned(seed), maskRatio, ChunkSpan{first, kChunksPerPass}, true), model.config(), run, rows);
                monitor.report(0.9 * (double(done) + (seed + double(first) / chunks) / kSeeds) / double(recordings.size()));
            }
        ++done;
    }
    rows = thin(std::move(rows), kMaxRows);
    monitor.report(0.9);
    return LinearReadout::fit(rows.x, rows.y, rows.heldOut);
}

}  // namespace m2ds
