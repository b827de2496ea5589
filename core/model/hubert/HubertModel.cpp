#include "model/hubert/HubertModel.h"

#include <algorithm>
#include <torch/torch.h>

#include "common/Errors.h"
#include "model/TensorConversion.h"
#include "model/hubert/nn/HubertNetwork.h"

namespace m2ds {
namespace {

std::string shapeText(c10::IntArrayRef shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

/// Copies every weight into the parameter of the same name; each key must exist with the config's shape, and every
/// parameter must be given.
void assignWeights(nn::HubertNetworkImpl& network, const HubertCheckpoint& checkpoint) {
    auto parameters = network.named_parameters();
    const std::string& path = checkpoint.weightsPath;
    const std::string geometry = " (" + checkpoint.configPath + ": " + checkpoint.config.summary() + ")";
    torch::NoGradGuard noGrad;
    for (const auto& [name, array] : checkpoint.weights) {
        auto* parameter = parameters.find(name);
        if (!parameter) throw InputError(path, "unexpected key '" + name + "': not a parameter of the model its config describes" + geometry);
        const auto tensor = toTensor(array);
        if (tensor.sizes() != parameter->sizes())
            throw InputError(path, "key '" + name + "' has shape " + shapeText(tensor.sizes()) + ", the config expects " +
                                       shapeText(parameter->sizes()) + geometry);
        parameter->copy_(tensor);
    }
    for (const auto& item : parameters) {
        const auto given = [&](const auto& entry) { return entry.first == item.key(); };
        if (std::none_of(checkpoint.weights.begin(), checkpoint.weights.end(), given))
            throw InputError(path, "missing key '" + item.key() + "'" + geometry);
    }
}

}  // namespace

struct HubertModel::Impl {
    explicit Impl(const HubertConfig& c) : config(c), network(c) {}
    HubertConfig config;
    nn::HubertNetwork network;
    torch::Device device = torch::kCPU;
    HubertPrecision precision = HubertPrecision::Float32;
    torch::ScalarType dtype() const { return precision == HubertPrecision::BFloat16 ? torch::kBFloat16 : torch::kFloat32; }
};

std::string precisionName(HubertPrecision precision) { return precision == HubertPrecision::BFloat16 ? "bfloat16" : "float32"; }

HubertPrecision precisionNamed(const std::string& name) {
    if (name == "float32") return HubertPrecision::Float32;
    if (name == "bfloat16") return HubertPrecision::BFloat16;
    throw InvalidArgument("unknown precision '" + name + "' (float32 or bfloat16)");
}

HubertModel::HubertModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HubertModel::~HubertModel() = default;
HubertModel::HubertModel(HubertModel&&) noexcept = default;
HubertModel& HubertModel::operator=(HubertModel&&) noexcept = default;

HubertModel HubertModel::load(const std::string& path) { return fromCheckpoint(HubertCheckpoint::read(path)); }

HubertModel HubertModel::fromCheckpoint(const HubertCheckpoint& checkpoint) {
    auto impl = std::make_unique<Impl>(checkpoint.config);
    assignWeights(*impl->network, checkpoint);
    impl->network->eval();
    return HubertModel(std::move(impl));
}

const HubertConfig& HubertModel::config() const { return impl_->config; }

int HubertModel::stateCount() const { return impl_->config.layers + 1; }

void HubertModel::setDevice(const std::string& device) {
    torch::Device target = torch::kCPU;
    try {
        target = torch::Device(device);
    } catch (const c10::Error&) {
        throw InvalidArgument("unknown device '" + device + "' (cpu, cuda, cuda:N)");
    }
    if (target.is_cuda() && !torch::cuda::is_available()) throw InvalidArgument("device '" + device + "' requested but CUDA is not available");
    impl_->network->to(target);
    impl_->device = target;
}

std::string HubertModel::device() const { return impl_->device.str(); }

void HubertModel::setPrecision(HubertPrecision precision) {
    impl_->precision = precision;
    impl_->network->to(impl_->dtype());
}

HubertPrecision HubertModel::precision() const { return impl_->precision; }

std::vector<FloatArray> HubertModel::hiddenStates(const std::vector<float>& wave, const std::vector<int>& layers) const {
    return hiddenStatesOfBatch({wave}, layers).front();
}

std::vector<std::vector<FloatArray>> HubertModel::hiddenStatesOfBatch(const std::vector<std::vector<float>>& waves,
                                                                      const std::vector<int>& layers) const {
    int deepest = 0;
    for (int layer : layers) {
        if (layer < 0 || layer >= stateCount())
            throw InvalidArgument("hidden state " + std::to_string(layer) + " requested; this model has 0.." + std::to_string(stateCount() - 1));
        deepest = std::max(deepest, layer);
    }
    const auto hidden = std::size_t(impl_->config.hiddenSize);
    std::vector<std::vector<FloatArray>> out(waves.size(), std::vector<FloatArray>(layers.size(), FloatArray{{0, hidden}, {}}));
    std::vector<std::size_t> rows;  // the waves long enough for one frame
    std::size_t longest = 0;
    for (std::size_t i = 0; i < waves.size(); ++i)
        if (impl_->config.frameCount(waves[i].size()) > 0) {
            rows.push_back(i);
            longest = std::max(longest, waves[i].size());
        }
    if (rows.empty()) return out;
    c10::InferenceMode inference;  // no autograd bookkeeping at all (version counters, views): faster than NoGradGuard
    torch::Tensor input = torch::zeros({int64_t(rows.size()), int64_t(longest)});
    std::vector<int64_t> lengths;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::vector<float>& wave = waves[rows[r]];
        input[int64_t(r)].narrow(0, 0, int64_t(wave.size())).copy_(torch::from_blob(const_cast<float*>(wave.data()), {int64_t(wave.size())}));
        lengths.push_back(int64_t(wave.size()));
    }
    if (std::all_of(lengths.begin(), lengths.end(), [&](int64_t length) { return length == int64_t(longest); })) lengths.clear();
    const auto states = impl_->network->hiddenStates(input.to(impl_->device, impl_->dtype()), deepest, lengths);
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t l = 0; l < layers.size(); ++l) {
            const torch::Tensor state = states[std::size_t(layers[l])][int64_t(r)];
            out[rows[r]][l] = toFloatArray(lengths.empty() ? state : state.narrow(0, 0, lengths[r]));
        }
    return out;
}

}  // namespace m2ds
