#include "cli/ExtractCommand.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "analysis/EmbeddingCsvWriter.h"
#include "analysis/LayerSelection.h"
#include "analysis/RecordingEmbeddings.h"
#include "audio/FrontEndConfig.h"
#include "audio/WaveformLoader.h"
#include "cli/ExitCode.h"
#include "cli/ModelLoading.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/TextUtilities.h"
#include "common/NpyFile.h"
#include "common/NpyStreamWriter.h"
#include "common/Sha256.h"
#include "model/M2dsModel.h"
#include "model/hubert/HubertModel.h"
#include "model/hubert/TeacherNormalisation.h"

#include <filesystem>

namespace m2ds::cli {
namespace {

/// Embeddings for an .npy: frames of one recording [L, T, D], or clip means of all recordings [F, L, D]; a single
/// layer drops the L axis. One layer of frames streams straight to disk (an hour of audio never sits in memory);
/// several layers are gathered first because the file is layer-major.
class NpyCollector {
public:
    NpyCollector(std::string path, std::size_t layers, std::size_t dim, bool clip)
        : path_(std::move(path)), layers_(layers), dim_(dim), clip_(clip), frames_(layers) {}
    void add(std::size_t totalFrames, const std::vector<FloatArray>& part) {
        if (!clip_ && layers_ == 1) {
            if (!stream_) stream_ = std::make_unique<NpyStreamWriter>(path_, std::vector<std::size_t>{totalFrames, dim_});
            stream_->append(part[0].values.data(), part[0].values.size());
            return;
        }
        for (std::size_t l = 0; l < part.size(); ++l) frames_[l].insert(frames_[l].end(), part[l].values.begin(), part[l].values.end());
    }
    void endRecording() {
        if (!clip_) return;
        for (const auto& layer : frames_) {
            const std::size_t count = layer.size() / dim_;
            for (std::size_t d = 0; d < dim_; ++d) {
                double sum = 0.0;
                for (std::size_t t = 0; t < count; ++t) sum += layer[t * dim_ + d];
                clipMeans_.push_back(float(sum / double(count)));
            }
        }
        ++recordings_;
        for (auto& layer : frames_) layer.clear();
    }
    void write() {
        if (stream_) return stream_->finish();
        if (clip_) {
            std::vector<std::size_t> shape{recordings_, layers_, dim_};
            if (layers_ == 1) shape.erase(shape.begin() + 1);
            return NpyFile::writeFloat32(path_, shape, clipMeans_.data());
        }
        std::vector<float> all;
        for (const auto& layer : frames_) all.insert(all.end(), layer.begin(), layer.end());
        std::vector<std::size_t> shape{layers_, frames_.front().size() / dim_, dim_};
        if (layers_ == 1) shape.erase(shape.begin());
        NpyFile::writeFloat32(path_, shape, all.data());
    }

private:
    std::string path_;
    std::size_t layers_, dim_;
    bool clip_;
    std::unique_ptr<NpyStreamWriter> stream_;
    std::vector<std::vector<float>> frames_;
    std::vector<float> clipMeans_;
    std::size_t recordings_ = 0;
};

/// Where the embeddings go: the CSV table or the .npy collector, one recording after the other.
class EmbeddingOutput {
public:
    EmbeddingOutput(const std::string& path, std::size_t layers, std::size_t dim, bool clip)
        : table_(endsWith(path, ".csv") ? std::make_unique<EmbeddingCsvWriter>(path, dim, clip) : nullptr), arrays_(path, layers, dim, clip) {}
    void beginRecording(const std::string& file, const std::vector<int>& layers, double frameSeconds) {
        if (table_) table_->beginRecording(file, layers, frameSeconds);
    }
    void add(std::size_t first, std::size_t total, const std::vector<FloatArray>& part) {
        if (table_) table_->addFrames(first, part);
        else arrays_.add(total, part);
    }
    void endRecording() {
        if (table_) table_->endRecording();
        else arrays_.endRecording();
    }
    void finish() {
        if (table_) table_->finish();
        else arrays_.write();
    }

private:
    std::unique_ptr<EmbeddingCsvWriter> table_;
    NpyCollector arrays_;
};

/// The provenance of HuBERT / wav2vec 2.0 embeddings: the HF folder, its weights' hash, geometry and input pipeline.
void writeHubertSidecar(const std::string& output, const HubertCheckpoint& checkpoint, const std::vector<int>& layers,
                        const std::vector<std::string>& files, bool clip) {
    const HubertConfig& config = checkpoint.config;
    const nlohmann::json sidecar = {
        {"checkpoint", checkpoint.weightsPath}, {"checkpoint_sha256", sha256OfFile(checkpoint.weightsPath)}, {"config", checkpoint.configPath},
        {"model", {{"model_type", config.modelType}, {"hidden_size", config.hiddenSize}, {"num_hidden_layers", config.layers},
                   {"do_stable_layer_norm", config.stableLayerNorm}}},
        {"layers", layers}, {"layer_indexing", "hidden_states (0 = transformer input, i = layer i)"}, {"level", clip ? "clip" : "frame"},
        {"frame_seconds", double(config.hopSamples()) / 16000.0}, {"sample_rate", 16000},
        {"input_normalisation", "Wav2Vec2Processor do_normalize: (x - mean) / sqrt(var + 1e-7) per recording"},
        {"files", files}, {"m2ds_version", M2DS_VERSION}};
    AtomicFileWriter::writeFile(output + ".json", sidecar.dump(2) + "\n");
}

void writeSidecar(const std::string& output, const std::string& checkpoint, const ModelConfig& config,
                  const std::vector<int>& layers, const std::vector<std::string>& files, bool clip) {
    const FrontEndConfig frontEnd;
    const nlohmann::json sidecar = {
        {"checkpoint", checkpoint}, {"checkpoint_sha256", sha256OfFile(checkpoint)}, {"model", nlohmann::json::parse(config.toJson())},
        {"layers", layers}, {"level", clip ? "clip" : "frame"}, {"frame_seconds", config.patchTime * frontEnd.hopLength / double(frontEnd.sampleRate)},
        {"front_end", {{"sample_rate", frontEnd.sampleRate}, {"n_fft", frontEnd.nFft}, {"win_length", frontEnd.winLength},
                       {"hop_length", frontEnd.hopLength}, {"n_mels", frontEnd.melCount}, {"f_min", frontEnd.fMinHz},
                       {"f_max", frontEnd.fMaxHz}, {"log_eps", frontEnd.logEpsilon}}},
        {"norm_stats", {config.normMean, config.normStd}}, {"files", files}, {"m2ds_version", M2DS_VERSION}};
    AtomicFileWriter::writeFile(output + ".json", sidecar.dump(2) + "\n");
}

}  // namespace

M2dsModel ExtractCommand::loadEncoder() const {
    ImportedCheckpoint checkpoint = importCheckpoint(model);
    if (mean && std) {
        checkpoint.config.normMean = *mean;
        checkpoint.config.normStd = *std;
    }
    return modelFrom(checkpoint, M2dsModel::Parts::EncoderOnly);
}  // the imported weights (up to ~800 MB for a full ViT-Base save) are released here, before extraction

int ExtractCommand::run(const CommandContext& context) const {
    const bool csv = endsWith(output, ".csv");
    if (!csv && !endsWith(output, ".npy")) throw OutputError(output, "unknown output format: use .csv or .npy");
    if (!csv && !clip && files.size() > 1)
        throw OutputError(output, "an .npy holds the frames of one recording; use .csv or --clip for several");
    if (std::filesystem::is_directory(std::filesystem::u8path(model))) return runHubert(context);
    M2dsModel network = loadEncoder();
    const ModelConfig& config = network.config();
    M2dsModel::setComputeThreads(context.threads);
    network.setDevice(device);
    std::vector<int> selected;
    try {
        selected = parseLayerSelection(layers, config.depth);
    } catch (const InvalidArgument& error) {
        context.err << "m2ds extract: " << error.what() << '\n';
        return kUsageError;
    }
    const RecordingEmbeddings embeddings(network, selected, context.threads);
    EmbeddingOutput out(output, selected.size(), static_cast<std::size_t>(config.frameFeatureDim()), clip);
    for (const std::string& file : files) {
        const ProgressMonitor monitor = context.progress(file);
        out.beginRecording(file, selected, embeddings.frameSeconds());
        embeddings.extract(file, [&](std::size_t first, std::size_t total, const std::vector<FloatArray>& part) { out.add(first, total, part); },
                           &monitor);
        out.endRecording();
    }
    out.finish();
    writeSidecar(output, model, config, selected, files, clip);
    return kSuccess;
}

int ExtractCommand::runHubert(const CommandContext& context) const {
    if (mean || std) {
        context.err << "m2ds extract: --mean/--std normalise M2D log-mels; a HuBERT folder normalises the wave itself\n";
        return kUsageError;
    }
    const HubertCheckpoint checkpoint = HubertCheckpoint::read(model);
    HubertModel network = HubertModel::fromCheckpoint(checkpoint);
    M2dsModel::setComputeThreads(context.threads);
    network.setDevice(device);
    std::vector<int> selected;
    try {
        selected = parseLayerSelection(layers, checkpoint.config.layers);
    } catch (const InvalidArgument& error) {
        context.err << "m2ds extract: " << error.what() << '\n';
        return kUsageError;
    }
    EmbeddingOutput out(output, selected.size(), std::size_t(checkpoint.config.hiddenSize), clip);
    const double frameSeconds = double(checkpoint.config.hopSamples()) / 16000.0;
    for (const std::string& file : files) {
        const ProgressMonitor monitor = context.progress(file);
        const std::vector<float> wave = normaliseForHubert(WaveformLoader(16000).load(file, &monitor).samples);
        const std::vector<FloatArray> states = network.hiddenStates(wave, selected);
        out.beginRecording(file, selected, frameSeconds);
        out.add(0, states.front().shape[0], states);
        out.endRecording();
    }
    out.finish();
    writeHubertSidecar(output, checkpoint, selected, files, clip);
    return kSuccess;
}

}  // namespace m2ds::cli
