#include "model/M2dsModel.h"

#include <algorithm>
#include <thread>
#include <torch/torch.h>

#include "common/Errors.h"
#include "model/ChunkPlan.h"
#include "model/TensorConversion.h"
#include "model/nn/M2dsNetwork.h"
#include "model/nn/NetworkWeights.h"

namespace m2ds {

struct M2dsModel::Impl {
    Impl(const ModelConfig& config, bool withTrainingParts) : network(config, withTrainingParts) { network->eval(); }
    nn::M2dsNetwork network;
    torch::Device device{torch::kCPU};
    std::size_t chunksPerPass = 0;  // 0: by device
};

M2dsModel::M2dsModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

M2dsModel::M2dsModel(const ModelConfig& config, bool withTrainingParts, uint64_t seed)
    : impl_((torch::manual_seed(seed), std::make_unique<Impl>(config, withTrainingParts))) {  // seeded before the default inits run
    impl_->network->initialiseWeights();
}

M2dsModel M2dsModel::fromStateDict(const ModelConfig& config, const StateDict& weights, Parts parts) {
    const bool training = parts == Parts::AsInWeights &&
                          std::any_of(weights.begin(), weights.end(), [](const auto& entry) { return entry.first == "decoder_embed.weight"; });
    ModelConfig adjusted = config;
    for (const auto& [name, array] : weights)
        if (name == "offline_predictor.weight" && array.shape.size() == 2) adjusted.offlineDim = static_cast<int>(array.shape[0]);
    if (training && std::none_of(weights.begin(), weights.end(), [](const auto& e) { return e.first == "offline_predictor.weight"; }))
        adjusted.offlineDim = 0;
    auto impl = std::make_unique<Impl>(adjusted, training);
    nn::assignWeights(*impl->network, weights, !training);
    return M2dsModel(std::move(impl));
}

M2dsModel::~M2dsModel() = default;
M2dsModel::M2dsModel(M2dsModel&&) noexcept = default;
M2dsModel& M2dsModel::operator=(M2dsModel&&) noexcept = default;

const ModelConfig& M2dsModel::config() const { return impl_->network->config(); }
bool M2dsModel::hasTrainingParts() const { return impl_->network->hasTrainingParts(); }
bool M2dsModel::hasOfflineHead() const { return !impl_->network->offline_predictor.is_empty(); }

int64_t M2dsModel::parameterCount(bool trainableOnly) const {
    int64_t count = 0;
    for (const auto& parameter : impl_->network->parameters())
        if (!trainableOnly || parameter.requires_grad()) count += parameter.numel();
    return count;
}

StateDict M2dsModel::stateDict() const {
    return nn::collectWeights(*impl_->network);
}

void M2dsModel::setDevice(const std::string& device) {
    torch::Device target(torch::kCPU);
    try {
        target = torch::Device(device);
    } catch (const c10::Error&) {
        throw InvalidArgument("unknown device '" + device + "' (use cpu, cuda or cuda:N)");
    }
    if (target.is_cuda() && !torch::cuda::is_available())
        throw InvalidArgument("device '" + device + "' requested but this LibTorch has no usable CUDA device");
    impl_->network->to(target);
    impl_->device = target;
}

bool M2dsModel::cudaAvailable() { return torch::cuda::is_available(); }

void M2dsModel::setComputeThreads(int threads) {
    torch::set_num_threads(threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

std::string M2dsModel::device() const { return impl_->device.str(); }

void M2dsModel::setChunksPerPass(std::size_t chunks) { impl_->chunksPerPass = chunks; }

std::size_t M2dsModel::chunksPerPass() const {
    if (impl_->chunksPerPass > 0) return impl_->chunksPerPass;
    return impl_->device.is_cuda() ? kCudaChunksPerPass : kCpuChunksPerPass;
}

std::size_t M2dsModel::embeddingFrames(std::size_t logMelFrames) const {
    const std::size_t patch = static_cast<std::size_t>(config().patchTime);
    return (logMelFrames + patch - 1) / patch;
}

int M2dsModel::checkExtraction(const FloatArray& logMel, const std::vector<int>& layers) const {
    const ModelConfig& geometry = config();
    if (logMel.shape.size() != 2 || static_cast<int>(logMel.shape[0]) != geometry.inputFrequency)
        throw InvalidArgument("extraction needs a log-mel [" + std::to_string(geometry.inputFrequency) + ", T]");
    int deepest = 0;
    for (int layer : layers) {
        if (layer < 0 || layer > geometry.depth)
            throw InvalidArgument("layer " + std::to_string(layer) + " is outside 0.." + std::to_string(geometry.depth));
        deepest = std::max(deepest, layer);
    }
    return deepest;
}

namespace {

/// The chunks of one pass, each zero-padded to the widest: [chunks, 1, F, widest] float32 on the CPU.
torch::Tensor passInput(const std::vector<const FloatArray*>& logMels, const std::vector<ChunkSpan>& pass, int64_t mels, std::size_t widest) {
    auto chunks = torch::zeros({int64_t(pass.size()), 1, mels, int64_t(widest)});
    for (std::size_t k = 0; k < pass.size(); ++k) {
        const FloatArray& logMel = *logMels[pass[k].recording];
        const auto source = torch::from_blob(const_cast<float*>(logMel.values.data()), {mels, int64_t(logMel.shape[1])});  // read only
        const auto first = int64_t(pass[k].firstFrame), frames = int64_t(pass[k].frames);
        chunks[int64_t(k)][0].slice(1, 0, frames).copy_(source.slice(1, first, first + frames));
    }
    return chunks;
}

/// The selected layers of chunks [begin, end) of a pass (one recording's), their real columns one after the other:
/// one [frames, rows·D] array per layer.
std::vector<FloatArray> framesOf(const std::vector<torch::Tensor>& outputs, const std::vector<int>& layers, const std::vector<int64_t>& columns,
                                 std::size_t begin, std::size_t end) {
    std::vector<FloatArray> selected;
    for (int layer : layers) {
        std::vector<torch::Tensor> pieces;
        for (std::size_t j = begin; j < end; ++j) pieces.push_back(outputs[std::size_t(layer)][int64_t(j)].slice(0, 0, columns[j]));
        selected.push_back(toFloatArray(torch::cat(pieces, 0)));
    }
    return selected;
}

/// Appends `part`'s frames (one [frames, D] array per layer) to `collected`.
void appendFrames(std::vector<FloatArray>& collected, const std::vector<FloatArray>& part) {
    collected.resize(part.size());
    for (std::size_t i = 0; i < part.size(); ++i) {
        collected[i].shape = {collected[i].shape.empty() ? part[i].shape[0] : collected[i].shape[0] + part[i].shape[0], part[i].shape[1]};
        collected[i].values.insert(collected[i].values.end(), part[i].values.begin(), part[i].values.end());
    }
}

}  // namespace

void M2dsModel::encodeChunks(const std::vector<const FloatArray*>& logMels, const std::vector<int>& layers, const ChunkSink& sink) const {
    int deepest = 0;
    std::vector<std::size_t> frameCounts;
    for (const FloatArray* logMel : logMels) {
        deepest = std::max(deepest, checkExtraction(*logMel, layers));
        frameCounts.push_back(logMel->shape[1]);
    }
    const ModelConfig& geometry = config();
    const std::size_t patch = std::size_t(geometry.patchTime);
    c10::InferenceMode inference;  // no autograd bookkeeping at all: measurably faster than NoGradGuard
    for (const std::vector<ChunkSpan>& pass : planChunkPasses(frameCounts, std::size_t(geometry.inputFrames), patch, chunksPerPass())) {
        std::size_t widest = 0;
        std::vector<int64_t> columns;  // real patch columns per chunk
        for (const ChunkSpan& span : pass) {
            widest = std::max(widest, span.width);
            columns.push_back(int64_t(span.width / patch));
        }
        const bool ragged = std::any_of(pass.begin(), pass.end(), [&](const ChunkSpan& span) { return span.width != widest; });
        const torch::Tensor input = passInput(logMels, pass, geometry.inputFrequency, widest).to(impl_->device);
        const auto outputs = impl_->network->encodeLayers(input, deepest, ragged ? torch::tensor(columns) : torch::Tensor());
        for (std::size_t k = 0, end = 0; k < pass.size(); k = end) {  // the chunks of one recording in this pass, together
            while (end < pass.size() && pass[end].recording == pass[k].recording) ++end;
            sink(pass[k].recording, pass[k].firstFrame / patch, framesOf(outputs, layers, columns, k, end));
        }
    }
}

void M2dsModel::extract(const FloatArray& logMel, const std::vector<int>& layers, const EmbeddingSink& sink) const {
    encodeChunks({&logMel}, layers, [&](std::size_t, std::size_t firstFrame, const std::vector<FloatArray>& part) { sink(firstFrame, part); });
}

std::vector<FloatArray> M2dsModel::extract(const FloatArray& logMel, const std::vector<int>& layers) const {
    std::vector<FloatArray> collected(layers.size());
    extract(logMel, layers, [&](std::size_t, const std::vector<FloatArray>& part) { appendFrames(collected, part); });
    return collected;
}

std::vector<std::vector<FloatArray>> M2dsModel::extractTogether(const std::vector<FloatArray>& logMels, const std::vector<int>& layers) const {
    std::vector<const FloatArray*> inputs;
    for (const FloatArray& logMel : logMels) inputs.push_back(&logMel);
    std::vector<std::vector<FloatArray>> collected(logMels.size(), std::vector<FloatArray>(layers.size()));
    encodeChunks(inputs, layers, [&](std::size_t recording, std::size_t, const std::vector<FloatArray>& part) { appendFrames(collected[recording], part); });
    return collected;
}

FloatArray M2dsModel::attention(const FloatArray& chunk, int layer) const {
    const ModelConfig& geometry = config();
    if (layer < 1 || layer > geometry.depth)
        throw InvalidArgument("attention layer " + std::to_string(layer) + " is outside 1.." + std::to_string(geometry.depth));
    if (chunk.shape.size() != 4 || chunk.shape[0] != 1 || int(chunk.shape[2]) != geometry.inputFrequency || chunk.shape[3] == 0 ||
        int(chunk.shape[3]) > geometry.inputFrames || chunk.shape[3] % std::size_t(geometry.patchTime) != 0)
        throw InvalidArgument("attention needs one chunk [1, 1, " + std::to_string(geometry.inputFrequency) + ", frames ≤ " +
                              std::to_string(geometry.inputFrames) + ", a multiple of " + std::to_string(geometry.patchTime) + "]");
    c10::InferenceMode inference;
    return toFloatArray(impl_->network->attentionWeights(toTensor(chunk).to(impl_->device), layer).squeeze(0));
}

FloatArray M2dsModel::maskNoise(int batch, int tokens, uint64_t seed) {
    auto generator = torch::make_generator<at::CPUGeneratorImpl>(seed);
    return toFloatArray(torch::rand({batch, tokens}, generator, torch::kFloat32));
}

int M2dsModel::visibleTokens(double maskRatio) const {
    if (maskRatio < 0.0) return config().visibleTokens();
    if (maskRatio >= 1.0) throw InvalidArgument("mask ratio must be below 1");
    return static_cast<int>(static_cast<double>(config().tokens()) * (1.0 - maskRatio));
}

MaskedPrediction M2dsModel::predictMasked(const FloatArray& x, const FloatArray& noise, const FloatArray* teacher,
                                          float lossM2dWeight, float lossOfflineWeight, double maskRatio) const {
    if (!hasTrainingParts()) throw InvalidArgument("masked prediction needs a full model (predictor and target encoder)");
    torch::NoGradGuard noGrad;
    const auto device = impl_->device;
    const nn::MaskedForward forward =
        impl_->network->forwardMasked(toTensor(x).to(device), toTensor(noise).to(device), visibleTokens(maskRatio));
    MaskedPrediction out;
    const auto ids = forward.idsShuffle.to(torch::kCPU).contiguous();
    out.idsShuffle.assign(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel());
    out.visible = static_cast<int>(forward.visible);
    out.latent = toFloatArray(forward.latent);
    out.prediction = toFloatArray(forward.prediction);
    out.target = toFloatArray(forward.target);
    out.perTokenLoss = toFloatArray(forward.perTokenLoss);
    out.lossM2d = forward.lossM2d.item<float>();
    out.loss = lossM2dWeight * out.lossM2d;
    if (forward.offline.defined()) {
        out.offline = toFloatArray(forward.offline);
        if (teacher) {
            out.lossOffline = nn::normMse(toTensor(*teacher).to(device), forward.offline).mean().item<float>();
            out.loss += lossOfflineWeight * out.lossOffline;
        }
    }
    return out;
}

void M2dsModel::emaUpdate(double decay) { impl_->network->emaUpdate(decay); }

}  // namespace m2ds
