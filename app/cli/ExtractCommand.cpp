#include "cli/ExtractCommand.h"

#include <ostream>

#include "analysis/EmbeddingWriter.h"
#include "analysis/LayerSelection.h"
#include "analysis/RecordingEmbeddings.h"
#include "cli/ExitCode.h"
#include "cli/ModelLoading.h"
#include "common/Errors.h"
#include "features/HubertFolder.h"
#include "features/HubertRecordings.h"
#include "model/M2dsModel.h"
#include "model/hubert/HubertBatching.h"
#include "model/hubert/HubertModel.h"

#include <filesystem>

namespace m2ds::cli {

M2dsModel ExtractCommand::loadEncoder() const {
    ImportedCheckpoint checkpoint = importCheckpoint(model);
    if (mean && std) {
        checkpoint.config.normMean = *mean;
        checkpoint.config.normStd = *std;
    }
    return modelFrom(checkpoint, M2dsModel::Parts::EncoderOnly);
}  // the imported weights (up to ~800 MB for a full ViT-Base save) are released here, before extraction

EmbeddingExportOptions ExtractCommand::exportOptions() const {
    EmbeddingExportOptions options;
    options.format = format.empty() ? embeddingFormatOfPath(output) : parseEmbeddingFormat(format);
    options.clipLevel = clip;
    options.pooling = parseClipPooling(pooling);
    return options;
}

int ExtractCommand::run(const CommandContext& context) const {
    const EmbeddingExportOptions options = exportOptions();
    if (std::filesystem::is_directory(std::filesystem::u8path(model))) return runHubert(context, options);
    if (hubertBatch > 0) {
        context.err << "m2ds extract: --batch is for a HuBERT folder; an M2D checkpoint shares passes by --chunks_per_pass\n";
        return kUsageError;
    }
    M2dsModel network = loadEncoder();
    const ModelConfig& config = network.config();
    M2dsModel::setComputeThreads(context.threads);
    network.setDevice(device);
    network.setChunksPerPass(chunksPerPass);
    std::vector<int> selected;
    try {
        selected = parseLayerSelection(layers, config.depth);
    } catch (const InvalidArgument& error) {
        context.err << "m2ds extract: " << error.what() << '\n';
        return kUsageError;
    }
    const RecordingEmbeddings embeddings(network, selected, context.threads);
    const std::unique_ptr<EmbeddingWriter> out = EmbeddingWriter::create(output, std::size_t(config.frameFeatureDim()), options);
    RecordingsSink sink;
    sink.begin = [&](std::size_t i) { out->beginRecording(files[i], selected, embeddings.frameSeconds()); };
    sink.frames = [&](std::size_t first, std::size_t, const std::vector<FloatArray>& part) { out->addFrames(first, part); };
    sink.end = [&](std::size_t) { out->endRecording(); };
    embeddings.extractAll(files, sink, [&](std::size_t i) { return context.progress(files[i]); });
    out->finish(m2dsEmbeddingProvenance(model, config));
    return kSuccess;
}

int ExtractCommand::runHubert(const CommandContext& context, const EmbeddingExportOptions& options) const {
    if (mean || std) {
        context.err << "m2ds extract: --mean/--std normalise M2D log-mels; a HuBERT folder normalises the wave itself\n";
        return kUsageError;
    }
    if (chunksPerPass > 0) {
        context.err << "m2ds extract: --chunks_per_pass is for an M2D checkpoint; a HuBERT folder takes --batch recordings per pass\n";
        return kUsageError;
    }
    const HubertFolder encoder = HubertFolder::open(model, device);
    const HubertConfig& config = encoder.model->config();
    M2dsModel::setComputeThreads(context.threads);
    std::vector<int> selected;
    try {
        selected = parseLayerSelection(layers, config.layers);
    } catch (const InvalidArgument& error) {
        context.err << "m2ds extract: " << error.what() << '\n';
        return kUsageError;
    }
    const std::unique_ptr<EmbeddingWriter> out = EmbeddingWriter::create(output, std::size_t(config.hiddenSize), options);
    const double frameSeconds = 1.0 / config.framesPerSecond();
    HubertRecordingsSink sink;  // no unusable handler: the first unusable file ends the command, naming it
    sink.states = [&](std::size_t i, std::vector<FloatArray>&& states) {
        out->beginRecording(files[i], selected, frameSeconds);
        out->addFrames(0, states);
        out->endRecording();
    };
    hiddenStatesOfRecordings(*encoder.model, files, selected, hubertBatchLimits(encoder.model->device(), hubertBatch), sink,
                             [&](std::size_t i) { return context.progress(files[i]); });
    out->finish(encoder.provenance());
    return kSuccess;
}

}  // namespace m2ds::cli
