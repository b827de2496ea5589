#include "jobs/ModelWorker.h"

#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "checkpoint/CheckpointImporter.h"
#include "checkpoint/ModelDescription.h"
#include "common/Errors.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"

namespace m2ds {
namespace {

ModelSummary summarise(const ImportedCheckpoint& checkpoint, const M2dsModel& model) {
    const ModelConfig& config = model.config();
    ModelSummary summary;
    summary.path = QString::fromStdString(checkpoint.path);
    summary.name = QString::fromStdString(config.folderName());
    summary.format = QString::fromStdString(checkpoint.format);
    summary.geometrySource = QString::fromStdString(checkpoint.configSource);
    summary.maskRatio = config.maskRatio;
    QStringList lines;
    for (const DescriptionLine& line : describeModel(checkpoint, model))
        if (line.label != "format" && line.label != "model")  // shown in the dock's title lines
            lines << QString::fromStdString(line.label + ": " + line.value);
    lines << QObject::tr("device: %1").arg(QString::fromStdString(model.device()));
    summary.description = lines.join('\n');
    return summary;
}

/// The `count` chunks from `first`, each [1, F, inputFrames], normalised, zero-padded past the recording's end.
FloatArray chunkBatch(const RecordingData& recording, const ModelConfig& config, int first, int count) {
    const std::size_t frames = std::size_t(config.inputFrames), bins = std::size_t(recording.melCount);
    FloatArray batch{{std::size_t(count), 1, bins, frames}, std::vector<float>(std::size_t(count) * bins * frames, 0.0f)};
    for (int c = 0; c < count; ++c)
        for (std::size_t mel = 0; mel < bins; ++mel)
            for (std::size_t t = 0; t < frames; ++t) {
                const std::size_t source = std::size_t(first + c) * frames + t;
                if (source >= recording.frameCount) break;
                batch.values[(std::size_t(c) * bins + mel) * frames + t] = (recording.logMelAt(int(mel), source) - config.normMean) / config.normStd;
            }
    return batch;
}

}  // namespace

ModelWorker::ModelWorker(QString presetsDirectory, std::shared_ptr<std::atomic<int>> latestInspection)
    : presetsDirectory_(std::move(presetsDirectory)), latestInspection_(std::move(latestInspection)) {}

ModelWorker::~ModelWorker() = default;

void ModelWorker::load(int requestId, const QString& path) {
    try {
        const ImportedCheckpoint checkpoint =
            CheckpointImporter(ModelPresets::loadDirectory(presetsDirectory_.toStdString())).read(path.toStdString());
        auto model = std::make_unique<M2dsModel>(M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights));
        const ModelSummary summary = summarise(checkpoint, *model);
        model_ = std::move(model);
        emit loaded(requestId, summary);
    } catch (const InputError& error) {
        emit loadFailed(requestId, QString::fromUtf8(error.what()));
    } catch (const std::exception& error) {
        emit loadFailed(requestId, path + ": " + QString::fromUtf8(error.what()));
    }
}

void ModelWorker::inspect(int requestId, const RecordingDataPtr& recording, unsigned seed, double maskRatio, double fromSeconds, double toSeconds) {
    if (requestId != latestInspection_->load()) return;  // a newer request is queued behind this one
    try {
        if (!model_) throw InvalidArgument("no model is loaded");
        emit inspected(requestId, runInspection(*recording, seed, maskRatio, fromSeconds, toSeconds));
    } catch (const std::exception& error) {
        emit inspectionFailed(requestId, QString::fromUtf8(error.what()));
    }
}

InspectionDataPtr ModelWorker::runInspection(const RecordingData& recording, unsigned seed, double maskRatio, double fromSeconds,
                                             double toSeconds) const {
    const ModelConfig& config = model_->config();
    auto data = std::make_shared<InspectionData>();
    data->gridRows = config.gridRows();
    data->gridCols = config.gridCols();
    data->patchTime = config.patchTime;
    data->patchFrequency = config.patchFrequency;
    data->inputFrames = config.inputFrames;
    data->recordingFrames = recording.frameCount;
    data->seed = seed;
    data->maskRatio = maskRatio;
    const int totalChunks = int((recording.frameCount + std::size_t(config.inputFrames) - 1) / std::size_t(config.inputFrames));
    const double framesPerChunk = config.inputFrames / recording.framesPerSecond;
    data->firstChunk = std::clamp(int(std::floor(fromSeconds / framesPerChunk)), 0, std::max(0, totalChunks - 1));
    const int lastChunk = std::clamp(int(std::ceil(toSeconds / framesPerChunk)), data->firstChunk + 1, totalChunks);
    data->chunkCount = std::min(lastChunk - data->firstChunk, kMaxChunks);
    const int tokens = data->tokensPerChunk(), visible = model_->visibleTokens(maskRatio);

    FloatArray noise{{std::size_t(data->chunkCount), std::size_t(tokens)}, {}};
    for (int c = 0; c < data->chunkCount; ++c) {
        const FloatArray one = M2dsModel::maskNoise(1, tokens, seed + unsigned(data->firstChunk + c));
        noise.values.insert(noise.values.end(), one.values.begin(), one.values.end());
    }
    data->masked.assign(std::size_t(data->chunkCount) * tokens, 0);
    data->tokenLoss.assign(data->masked.size(), std::numeric_limits<float>::quiet_NaN());
    std::vector<int64_t> order(std::size_t(data->chunkCount) * tokens);
    if (model_->hasTrainingParts()) {
        const MaskedPrediction prediction =
            model_->predictMasked(chunkBatch(recording, config, data->firstChunk, data->chunkCount), noise, nullptr, 1.0f, 0.5f, maskRatio);
        order = prediction.idsShuffle;
        const int maskedCount = tokens - visible;
        double sum = 0.0;
        int counted = 0;
        for (int c = 0; c < data->chunkCount; ++c)
            for (int m = 0; m < maskedCount; ++m) {
                const int token = int(order[std::size_t(c) * tokens + visible + m]);
                const std::size_t firstFrame = std::size_t(data->firstChunk + c) * config.inputFrames + std::size_t(token % data->gridCols) * config.patchTime;
                if (firstFrame >= recording.frameCount) continue;  // padding past the end
                const float loss = prediction.perTokenLoss.values[std::size_t(c) * maskedCount + m];
                data->tokenLoss[std::size_t(c) * tokens + token] = loss;
                sum += loss;
                ++counted;
            }
        data->meanLoss = counted ? float(sum / counted) : std::numeric_limits<float>::quiet_NaN();
        if (!prediction.offline.values.empty()) {
            data->offlineDim = int(prediction.offline.shape[2]);
            data->offline = prediction.offline.values;
        }
    } else {  // encoder only: the mask alone, ranked the way argsort ranks the noise
        for (int c = 0; c < data->chunkCount; ++c) {
            auto begin = order.begin() + std::ptrdiff_t(c) * tokens;
            std::iota(begin, begin + tokens, 0);
            const float* chunkNoise = noise.values.data() + std::size_t(c) * tokens;
            std::stable_sort(begin, begin + tokens, [&](int64_t a, int64_t b) { return chunkNoise[a] < chunkNoise[b]; });
        }
    }
    for (int c = 0; c < data->chunkCount; ++c)
        for (int m = visible; m < tokens; ++m) data->masked[std::size_t(c) * tokens + std::size_t(order[std::size_t(c) * tokens + m])] = 1;
    return data;
}

}  // namespace m2ds
