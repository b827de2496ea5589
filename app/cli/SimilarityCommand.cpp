#include "cli/SimilarityCommand.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <ostream>
#include <sstream>

#include "cli/ExitCode.h"
#include "cli/ModelLoading.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "data/DataSourceList.h"
#include "features/LayerEmbeddingExtractor.h"
#include "labels/LabelledSet.h"
#include "probe/LayerFrameSample.h"
#include "probe/LinearCka.h"

namespace m2ds::cli {
namespace {

/// The matrix as CSV: header `layer,<B's layers…>`, then one row per layer of A.
std::string matrixCsv(const std::vector<int>& rows, const std::vector<int>& columns, const std::vector<double>& cka) {
    std::ostringstream csv;
    csv << "layer";
    for (int column : columns) csv << ',' << column;
    csv << '\n';
    for (std::size_t r = 0; r < rows.size(); ++r) {
        csv << rows[r];
        for (std::size_t c = 0; c < columns.size(); ++c) {
            char value[32];
            std::snprintf(value, sizeof value, ",%.6f", cka[r * columns.size() + c]);
            csv << value;
        }
        csv << '\n';
    }
    return csv.str();
}

}  // namespace

CLI::App* SimilarityCommand::addTo(CLI::App& app) {
    CLI::App* similarity = app.add_subcommand("similarity", "Linear CKA between the layers of a model, or of two models (A/B), on the same frames");
    similarity->add_option("--model", models, "One model (layer × layer), or two: A (rows) and B (columns)")->required()
        ->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    similarity->add_option("SOURCE", sources, "Recordings: files, folders, M2D .csv or fairseq .tsv");
    similarity->add_option("--labels", labels, "Or the recordings of a labelled set (folder per label or CSV)");
    similarity->add_option("--layers", layers, "all, last, 0-12 or 3,6,9 (of each model)")->capture_default_str();
    similarity->add_option("--max-frames", maxFrames, "Frames compared (spread evenly over the recordings)")->check(CLI::Range(10, 200000))->capture_default_str();
    similarity->add_option("--device", device, "cpu, cuda or cuda:N")->capture_default_str();
    similarity->add_option("-o,--output", output, "CKA matrix .csv")->required();
    return similarity;
}

int SimilarityCommand::run(const CommandContext& context) const {
    if (models.size() > 2) {
        context.err << "m2ds similarity: give one model (layer × layer) or two (A/B), not " << models.size() << '\n';
        return kUsageError;
    }
    if (sources.empty() == labels.empty()) {
        context.err << "m2ds similarity: name the recordings (SOURCE…) or a labelled set (--labels), not both\n";
        return kUsageError;
    }
    std::vector<std::string> files;
    if (!labels.empty()) {
        const LabelledSet set = LabelledSet::open(labels);
        for (const LabelledFile& file : set.files()) files.push_back(file.path);
    }
    for (const std::string& source : sources)
        for (std::string& file : DataSourceList::resolve(source))
            if (DataSourceList::isAudioPath(file)) files.push_back(std::move(file));
    if (files.empty()) throw InputError(sources.front(), "holds no recordings");
    std::vector<LayerEmbeddingModel> opened;
    std::vector<const LayerEmbeddingExtractor*> extractors;
    for (const std::string& path : models) opened.push_back(openLayerEmbeddingModel(path, layers, device, context.threads));
    for (const LayerEmbeddingModel& model : opened) extractors.push_back(model.extractor.get());
    const LayerFrameSample sample = LayerFrameSample::collect(files, extractors, maxFrames, context.progress("frames"));
    for (const std::string& skipped : sample.skipped) context.err << "m2ds similarity: skipped " << skipped << '\n';
    const std::vector<RowMatrix>& a = sample.models.front();
    const std::vector<RowMatrix>& b = sample.models.back();
    const ProgressMonitor monitor = context.progress("CKA");
    const std::vector<double> cka = LinearCka::matrix(a, b, &monitor);
    const std::string csv = matrixCsv(extractors.front()->layers(), extractors.back()->layers(), cka);
    AtomicFileWriter::writeFile(output, csv);
    context.out << csv << a.front().rows << " frames of " << sample.recordings << " recordings\n";
    return kSuccess;
}

}  // namespace m2ds::cli
