#include "probe/WeightedSumProbe.h"

#include <cmath>
#include <string>
#include <torch/torch.h>

#include "probe/FeatureStandardiser.h"
#include "probe/LbfgsMinimiser.h"
#include "probe/ProbeCrossValidation.h"
#include "probe/ProbeTensors.h"

namespace m2ds {
namespace {

/// L standardised layers of the same rows, stacked layer after layer: [L·n, d].
struct LayerStack {
    RowMatrix stacked;
    std::size_t layers = 0;
    std::size_t rowsPerLayer() const { return layers == 0 ? 0 : stacked.rows / layers; }
};

/// θ = [w (L), W (d×K row-major), b (K)].
struct WeightedSumModel {
    std::vector<double> theta;
};

std::vector<double> softmaxOf(const double* w, std::size_t count) {
    double largest = w[0];
    for (std::size_t l = 1; l < count; ++l) largest = std::max(largest, w[l]);
    std::vector<double> out(count);
    double sum = 0.0;
    for (std::size_t l = 0; l < count; ++l) sum += out[l] = std::exp(w[l] - largest);
    for (double& v : out) v /= sum;
    return out;
}

/// The weighted-sum model's [n, K] float32 logits Σₗ softmax(w)ₗ·(xₗ·W) + b for the stacked layers x [L·n, d] on a
/// device; with perLayer and mix, also xₗ·W [L, n, K] and the weights [L, 1, 1].
at::Tensor weightedSumLogits(const at::Tensor& x, int64_t layers, int64_t classes, const std::vector<double>& theta,
                             at::Tensor* perLayer = nullptr, at::Tensor* mix = nullptr) {
    const int64_t rows = x.size(0) / layers, d = x.size(1);
    const std::vector<double> a = softmaxOf(theta.data(), std::size_t(layers));
    const at::Tensor w = probe::floatsOnDevice(theta.data() + layers, {d, classes}, x.device());
    const at::Tensor b = probe::floatsOnDevice(theta.data() + layers + d * classes, {classes}, x.device());
    const at::Tensor weights = probe::floatsOnDevice(a.data(), {layers, 1, 1}, x.device());
    const at::Tensor z = x.mm(w).view({layers, rows, classes});
    if (perLayer != nullptr) *perLayer = z;
    if (mix != nullptr) *mix = weights;
    return (z * weights).sum(0) + b;
}

/// Σ cross-entropy + ‖W‖²/(2C) of the weighted-sum model and its gradient, on the device.
class WeightedSumObjective {
public:
    WeightedSumObjective(const LayerStack& data, const std::vector<int>& labels, int classes, double c, const c10::Device& device)
        : x_(probe::matrixOnDevice(data.stacked, device)), targets_(probe::softmaxTargets(labels, classes, device)),
          layers_(int64_t(data.layers)), rows_(int64_t(data.rowsPerLayer())), d_(int64_t(data.stacked.cols)), classes_(classes), penalty_(1.0 / c) {}

    double operator()(const std::vector<double>& theta, std::vector<double>& gradient) const {
        at::Tensor z, weights, residual;
        const double loss = probe::softmaxCrossEntropy(weightedSumLogits(x_, layers_, classes_, theta, &z, &weights), targets_, &residual);
        const std::size_t l = std::size_t(layers_), headWeights = std::size_t(d_ * classes_);
        std::vector<double> mixGradient(l);
        probe::copyToHost((z * residual.unsqueeze(0)).sum({1, 2}), mixGradient.data());
        probe::copyToHost(x_.t().mm((residual.unsqueeze(0) * weights).reshape({layers_ * rows_, classes_})), gradient.data() + l);
        probe::copyToHost(residual.sum(0), gradient.data() + l + headWeights);
        const std::vector<double> a = softmaxOf(theta.data(), l);
        double mean = 0.0;  // through the softmax: ∂/∂wₗ = aₗ (gₗ − Σ aₘ gₘ)
        for (std::size_t k = 0; k < l; ++k) mean += a[k] * mixGradient[k];
        for (std::size_t k = 0; k < l; ++k) gradient[k] = a[k] * (mixGradient[k] - mean);
        double squares = 0.0;
        for (std::size_t i = l; i < l + headWeights; ++i) {
            squares += theta[i] * theta[i];
            gradient[i] += penalty_ * theta[i];
        }
        return loss + 0.5 * penalty_ * squares;
    }

private:
    at::Tensor x_;
    probe::SoftmaxTargets targets_;
    int64_t layers_, rows_, d_, classes_;
    double penalty_;
};

/// WeightedSumProbe's side of the cross-validation.
class WeightedSumFitter {
public:
    using Data = LayerStack;
    using Model = WeightedSumModel;

    WeightedSumFitter(const std::vector<RowMatrix>& layers, int classes, const ProbeSettings& settings)
        : layers_(layers), classes_(classes), settings_(settings), device_(probe::probeDevice(settings.device)) {}

    std::pair<Data, Data> standardised(const std::vector<char>& heldOut) const {
        std::vector<char> training(heldOut.size());
        for (std::size_t r = 0; r < heldOut.size(); ++r) training[r] = !heldOut[r];
        Data train, test;
        for (const RowMatrix& layer : layers_) {
            const FeatureStandardiser standardiser = FeatureStandardiser::fit(layer, training);
            append(train, standardiser.apply(layer, training));
            append(test, standardiser.apply(layer, heldOut));
        }
        return {std::move(train), std::move(test)};
    }
    Data select(const Data& data, const std::vector<char>& keep) const {
        Data out;
        out.layers = data.layers;
        out.stacked.cols = data.stacked.cols;
        const std::size_t n = data.rowsPerLayer();
        for (std::size_t l = 0; l < data.layers; ++l)
            for (std::size_t r = 0; r < n; ++r) {
                if (!keep[r]) continue;
                const float* row = data.stacked.row(l * n + r);
                out.stacked.values.insert(out.stacked.values.end(), row, row + data.stacked.cols);
                ++out.stacked.rows;
            }
        return out;
    }
    Model fit(const Data& data, const std::vector<int>& labels, double c, const Model* start, int threads) const {
        torch::NoGradGuard noGrad;
        const probe::ScopedProbeThreads scopedThreads(probe::threadsForWork(threads, double(data.stacked.rows) * double(data.stacked.cols) * classes_));
        const WeightedSumObjective objective(data, labels, classes_, c, device_);
        Model model;
        model.theta = start != nullptr ? start->theta
                                       : std::vector<double>(data.layers + data.stacked.cols * std::size_t(classes_) + std::size_t(classes_), 0.0);
        LbfgsSettings lbfgs;
        lbfgs.maxIterations = settings_.maxIterations;
        lbfgs.gradientTolerance = settings_.tolerance;
        LbfgsMinimiser::minimise(std::cref(objective), model.theta, lbfgs);
        return model;
    }
    std::vector<int> predict(const Model& model, const Data& data, int threads) const {
        torch::NoGradGuard noGrad;
        const probe::ScopedProbeThreads scopedThreads(probe::threadsForWork(threads, double(data.stacked.rows) * double(data.stacked.cols) * classes_));
        const at::Tensor logits = weightedSumLogits(probe::matrixOnDevice(data.stacked, device_), int64_t(data.layers), classes_, model.theta);
        const at::Tensor best = logits.argmax(1).to(torch::kCPU, torch::kInt).contiguous();
        return std::vector<int>(best.data_ptr<int>(), best.data_ptr<int>() + best.numel());
    }

private:
    static void append(Data& data, const RowMatrix& layer) {
        data.stacked.cols = layer.cols;
        data.stacked.rows += layer.rows;
        data.stacked.values.insert(data.stacked.values.end(), layer.values.begin(), layer.values.end());
        ++data.layers;
    }

    const std::vector<RowMatrix>& layers_;
    int classes_;
    ProbeSettings settings_;
    c10::Device device_;
};

void checkLayerShapes(const std::vector<RowMatrix>& layers) {
    if (layers.empty()) throw InvalidArgument("weighted-sum probe: no layers");
    for (std::size_t l = 0; l < layers.size(); ++l)
        if (layers[l].rows != layers[0].rows || layers[l].cols != layers[0].cols || layers[l].values.size() != layers[l].rows * layers[l].cols)
            throw InvalidArgument("weighted-sum probe: layer " + std::to_string(l) + " is [" + std::to_string(layers[l].rows) + ", " +
                                  std::to_string(layers[l].cols) + "], layer 0 [" + std::to_string(layers[0].rows) + ", " +
                                  std::to_string(layers[0].cols) + "]");
}

}  // namespace

WeightedSumScore WeightedSumProbe::evaluate(const std::vector<RowMatrix>& layers, const std::vector<int>& labels, int classes,
                                            const ProbeFolds& folds, const ProbeSettings& settings, const ProgressMonitor* monitor) {
    checkLayerShapes(layers);
    probe::checkProbeInputs(layers[0].rows, labels, classes, folds, settings);
    const WeightedSumFitter fitter(layers, classes, settings);
    const auto results = probe::crossValidate(fitter, labels, classes, folds, settings, monitor);
    const ProbeScore score = probe::summarise(results);
    WeightedSumScore out{score.accuracy, score.accuracyStd, score.macroF1, score.macroF1Std, std::vector<double>(layers.size(), 0.0),
                         score.chosenC, score.foldAccuracy, score.foldMacroF1};
    for (const auto& result : results) {
        const std::vector<double> weights = softmaxOf(result.model.theta.data(), layers.size());
        for (std::size_t l = 0; l < layers.size(); ++l) out.layerWeights[l] += weights[l] / double(results.size());
    }
    return out;
}

}  // namespace m2ds
