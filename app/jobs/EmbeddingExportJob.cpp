#include "jobs/EmbeddingExportJob.h"

#include <QFileInfo>
#include <optional>
#include <utility>
#include <vector>

#include "analysis/EmbeddingWriter.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "features/HubertFolderCache.h"
#include "features/LayerEmbeddingExtractor.h"
#include "features/LayerEmbeddingModel.h"
#include "labels/LabelledSet.h"
#include "model/M2dsModel.h"

namespace m2ds {
namespace {

/// The recordings of an export and their labels ("" when they have none).
std::vector<std::pair<std::string, std::string>> exportedFiles(const EmbeddingExportRequest& request) {
    std::vector<std::pair<std::string, std::string>> files;
    if (request.labelSource.isEmpty()) {
        for (const QString& path : request.recordings) files.emplace_back(path.toStdString(), std::string());
        return files;
    }
    const LabelledSet set = LabelledSet::open(request.labelSource.toStdString(), request.pathPattern.toStdString());
    for (const LabelledFile& file : set.files()) files.emplace_back(file.path, file.label);
    return files;
}

EmbeddingExportOptions exportOptions(const EmbeddingExportRequest& request) {
    EmbeddingExportOptions options;
    options.format = parseEmbeddingFormat(request.format.toStdString());
    options.clipLevel = request.clipLevel;
    options.pooling = parseClipPooling(request.pooling.toStdString());
    return options;
}

/// The exported layers of a model, and what the sidecar says of that model.
struct ExportedEncoder {
    LayerEmbeddingModel layers;
    EmbeddingProvenance provenance;
};

ExportedEncoder exportedEncoder(const std::shared_ptr<const M2dsModel>& model, const QString& checkpointPath, const QString& device,
                                const EmbeddingExportRequest& request) {
    const std::string layers = request.layers.toStdString();
    if (request.hubertFolder.isEmpty()) {
        if (!model) throw InvalidArgument("export: no model loaded and no HuBERT folder chosen");
        const std::string path = checkpointPath.toStdString();
        return {LayerEmbeddingModel::ofM2ds(model, path, layers), m2dsEmbeddingProvenance(path, model->config())};
    }
    const HubertFolder folder = HubertFolderCache::open(request.hubertFolder.toStdString(), device.toStdString());
    return {LayerEmbeddingModel::ofHubert(folder.model, folder.weightsPath, request.hubertFolder.toStdString(), layers), folder.provenance()};
}

}  // namespace

QString EmbeddingExportJob::operator()(const ProgressMonitor& monitor) const {
    M2dsModel::setComputeThreads(0);  // LibTorch's CPU threads are set per calling thread: every core for this job
    const EmbeddingExportOptions options = exportOptions(request_);
    const ExportedEncoder encoder = exportedEncoder(model_, checkpointPath_, device_, request_);
    const LayerEmbeddingExtractor& extractor = *encoder.layers.extractor;
    const std::vector<int>& layers = extractor.layers();
    const std::vector<std::pair<std::string, std::string>> files = exportedFiles(request_);
    monitor.throwIfCancelled();
    const std::unique_ptr<EmbeddingWriter> writer = EmbeddingWriter::create(request_.output.toStdString(), extractor.dimension(), options);
    std::vector<std::string> paths;
    for (const auto& file : files) paths.push_back(file.first);
    std::optional<std::size_t> open;  // the recording the writer has begun
    std::size_t frames = 0;
    const auto begin = [&](std::size_t i) {
        if (open == i) return;
        writer->beginRecording(files[i].first, layers, 1.0 / extractor.framesPerSecond(), files[i].second);
        open = i;
        frames = 0;
    };
    RecordingFramesSink sink;
    sink.frames = [&](std::size_t i, const std::vector<FloatArray>& chunk) {
        begin(i);
        writer->addFrames(frames, chunk);
        frames += chunk.front().shape[0];
    };
    sink.done = [&](std::size_t i) {
        begin(i);  // a recording too short for a frame still has its (empty) entry
        writer->endRecording();
        open.reset();
    };
    sink.unusable = [](std::size_t, const InputError& error) { throw error; };  // the export names the file and stops
    extractor.extractEach(paths, sink, &monitor);
    monitor.throwIfCancelled();
    writer->finish(encoder.provenance);
    return QObject::tr("Exported layer(s) %1 of %n recording(s) (%2, %3) to %4, provenance in %5", "", int(files.size()))
        .arg(request_.layers, request_.clipLevel ? QObject::tr("clip rows, %1 pooling").arg(request_.pooling) : QObject::tr("frame rows"),
             request_.format, request_.output, QString::fromStdString(writer->sidecarPath()));
}

}  // namespace m2ds
