#include "probe/ClipProbeData.h"

#include <algorithm>

#include "common/ProgressMonitor.h"
#include "features/ClipEmbeddingCache.h"
#include "features/LogMelEmbeddings.h"
#include "labels/LabelledSet.h"

namespace m2ds {
namespace {

/// Rows `keep` (indices into the rows of `all`, whose row r is input file all.kept[r]) of every layer.
RowMatrix selectRows(const RowMatrix& matrix, const std::vector<std::size_t>& rows) {
    RowMatrix selected{rows.size(), matrix.cols, {}};
    selected.values.reserve(rows.size() * matrix.cols);
    for (std::size_t r : rows) selected.values.insert(selected.values.end(), matrix.row(r), matrix.row(r) + matrix.cols);
    return selected;
}

/// For each input file in `common` (sorted input indices), its row in `embeddings`.
std::vector<std::size_t> rowsOf(const ClipEmbeddings& embeddings, const std::vector<std::size_t>& common) {
    std::vector<std::size_t> rows;
    rows.reserve(common.size());
    for (std::size_t input : common)
        rows.push_back(std::size_t(std::lower_bound(embeddings.kept.begin(), embeddings.kept.end(), input) - embeddings.kept.begin()));
    return rows;
}

std::vector<std::size_t> intersection(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
    std::vector<std::size_t> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    return both;
}

void addSkipped(std::vector<std::string>& into, const std::vector<std::string>& skipped) {
    for (const std::string& entry : skipped)
        if (std::find(into.begin(), into.end(), entry) == into.end()) into.push_back(entry);
}

}  // namespace

ClipProbeData ClipProbeData::gather(const LabelledSet& set, const std::vector<ProbedModel>& models, ClipPoolingKind pooling,
                                    const ClipEmbeddingCache& cache, const ProgressMonitor& progress) {
    std::vector<std::string> paths;
    for (const LabelledFile& file : set.files()) paths.push_back(file.path);
    const LogMelEmbeddings logMel;
    const std::size_t parts = models.size() + 1;
    std::vector<ClipEmbeddings> all;
    all.push_back(cache.ensure(paths, logMel, ClipPoolingKind::MeanStd, progress.slice(0.0, 1.0 / double(parts))));
    for (std::size_t m = 0; m < models.size(); ++m)
        all.push_back(cache.ensure(paths, *models[m].extractor, pooling,
                                   progress.slice(double(m + 1) / double(parts), double(m + 2) / double(parts))));
    ClipProbeData data;
    std::vector<std::size_t> common = all.front().kept;
    for (const ClipEmbeddings& embeddings : all) {
        common = intersection(common, embeddings.kept);
        addSkipped(data.skipped, embeddings.skipped);
    }
    const LabelledSet probed = set.subset(common);
    data.examples.labelNames = probed.labelNames();
    data.examples.labels = probed.labelIndices();
    data.examples.groups = probed.groupIndices();
    for (const LabelledFile& file : probed.files()) data.files.push_back(file.path);
    data.examples.baseline = selectRows(all.front().layers.front(), rowsOf(all.front(), common));
    for (std::size_t m = 0; m < models.size(); ++m) {
        const ClipEmbeddings& embeddings = all[m + 1];
        const std::vector<std::size_t> rows = rowsOf(embeddings, common);
        ProbeEmbeddings model{models[m].checkpoint, embeddings.identity, embeddings.layerIds, {}};
        for (const RowMatrix& layer : embeddings.layers) model.layers.push_back(selectRows(layer, rows));
        data.models.push_back(std::move(model));
    }
    return data;
}

}  // namespace m2ds
