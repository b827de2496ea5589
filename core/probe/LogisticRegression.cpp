#include "probe/LogisticRegression.h"

#include <cmath>
#include <string>
#include <torch/torch.h>

#include "common/Errors.h"
#include "probe/LbfgsMinimiser.h"
#include "probe/ProbeTensors.h"

namespace m2ds {
namespace {

void checkFitInputs(const RowMatrix& x, const std::vector<int>& labels, int classes, const LogisticRegressionSettings& settings) {
    if (x.rows == 0 || x.cols == 0) throw InvalidArgument("logistic regression: no rows or no features to fit on");
    if (x.values.size() != x.rows * x.cols)
        throw InvalidArgument("logistic regression: a [" + std::to_string(x.rows) + ", " + std::to_string(x.cols) + "] matrix holds " +
                              std::to_string(x.values.size()) + " values");
    if (labels.size() != x.rows)
        throw InvalidArgument("logistic regression: " + std::to_string(labels.size()) + " labels for " + std::to_string(x.rows) + " rows");
    if (classes < 2) throw InvalidArgument("logistic regression needs at least 2 classes, got " + std::to_string(classes));
    if (!(settings.inverseRegularisation > 0.0) || !std::isfinite(settings.inverseRegularisation))
        throw InvalidArgument("logistic regression: C must be positive, got " + std::to_string(settings.inverseRegularisation));
    if (settings.maxIterations < 1) throw InvalidArgument("logistic regression: max iterations must be >= 1");
    if (!(settings.tolerance >= 0.0) || !(settings.relativeDecrease >= 0.0))
        throw InvalidArgument("logistic regression: tolerances must be >= 0");
}

/// Σ cross-entropy + ‖W‖²/(2C) of θ = [W (d×K row-major), b (K)] and its gradient, on the device.
class SoftmaxObjective {
public:
    SoftmaxObjective(const RowMatrix& x, const std::vector<int>& labels, int classes, double c, const c10::Device& device)
        : x_(probe::matrixOnDevice(x, device)), targets_(probe::softmaxTargets(labels, classes, device)), device_(device),
          d_(int64_t(x.cols)), classes_(classes), penalty_(1.0 / c) {}

    double operator()(const std::vector<double>& theta, std::vector<double>& gradient) const {
        const std::size_t weights = std::size_t(d_) * std::size_t(classes_);
        const at::Tensor w = probe::floatsOnDevice(theta.data(), {d_, classes_}, device_);
        const at::Tensor b = probe::floatsOnDevice(theta.data() + weights, {classes_}, device_);
        at::Tensor residual;
        const double loss = probe::softmaxCrossEntropy(at::addmm(b, x_, w), targets_, &residual);
        probe::copyToHost(x_.t().mm(residual), gradient.data());
        probe::copyToHost(residual.sum(0), gradient.data() + weights);
        double squares = 0.0;
        for (std::size_t i = 0; i < weights; ++i) {
            squares += theta[i] * theta[i];
            gradient[i] += penalty_ * theta[i];
        }
        return loss + 0.5 * penalty_ * squares;
    }

private:
    at::Tensor x_;
    probe::SoftmaxTargets targets_;
    c10::Device device_;
    int64_t d_;
    int64_t classes_;
    double penalty_;
};

/// [n, classes] float64 softmax of the model's logits for the rows of x, on the CPU.
at::Tensor probabilitiesOf(const LogisticRegression& model, const RowMatrix& x) {
    if (x.cols != model.inputDim())
        throw InvalidArgument("logistic regression of " + std::to_string(model.inputDim()) + " features applied to " + std::to_string(x.cols));
    const probe::ScopedProbeThreads threads(probe::threadsForWork(0, double(x.rows) * double(x.cols) * model.classes()));
    const c10::Device cpu(c10::kCPU);
    const at::Tensor w = probe::floatsOnDevice(model.weights().data(), {int64_t(model.inputDim()), model.classes()}, cpu);
    const at::Tensor b = probe::floatsOnDevice(model.bias().data(), {model.classes()}, cpu);
    return at::addmm(b, probe::matrixOnDevice(x, cpu), w).to(torch::kDouble).softmax(1);
}

}  // namespace

LogisticRegression LogisticRegression::fit(const RowMatrix& x, const std::vector<int>& labels, int classes,
                                           const LogisticRegressionSettings& settings, const LogisticRegression* start) {
    checkFitInputs(x, labels, classes, settings);
    if (start != nullptr && (start->inputDim_ != x.cols || start->classes_ != classes))
        throw InvalidArgument("logistic regression: a warm start of " + std::to_string(start->inputDim_) + " features and " +
                              std::to_string(start->classes_) + " classes for " + std::to_string(x.cols) + " and " + std::to_string(classes));
    const c10::Device device = probe::probeDevice(settings.device);
    const probe::ScopedProbeThreads threads(probe::threadsForWork(settings.threads, double(x.rows) * double(x.cols) * classes));
    torch::NoGradGuard noGrad;
    const SoftmaxObjective objective(x, labels, classes, settings.inverseRegularisation, device);
    const std::size_t weights = x.cols * std::size_t(classes);
    std::vector<double> theta(weights + std::size_t(classes), 0.0);
    if (start != nullptr) {
        std::copy(start->weights_.begin(), start->weights_.end(), theta.begin());
        std::copy(start->bias_.begin(), start->bias_.end(), theta.begin() + std::ptrdiff_t(weights));
    }
    LbfgsSettings lbfgs;
    lbfgs.maxIterations = settings.maxIterations;
    lbfgs.gradientTolerance = settings.tolerance;
    lbfgs.relativeDecrease = settings.relativeDecrease;
    const LbfgsResult result = LbfgsMinimiser::minimise(std::cref(objective), theta, lbfgs);

    LogisticRegression model;
    model.inputDim_ = x.cols;
    model.classes_ = classes;
    model.weights_.assign(theta.begin(), theta.begin() + std::ptrdiff_t(weights));
    model.bias_.assign(theta.begin() + std::ptrdiff_t(weights), theta.end());
    model.iterations_ = result.iterations;
    model.converged_ = result.converged();
    model.objective_ = result.value;
    return model;
}

RowMatrix LogisticRegression::probabilities(const RowMatrix& x) const {
    torch::NoGradGuard noGrad;
    const at::Tensor p = probabilitiesOf(*this, x).to(torch::kFloat).contiguous();
    RowMatrix out;
    out.rows = x.rows;
    out.cols = std::size_t(classes_);
    out.values.assign(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
    return out;
}

std::vector<int> LogisticRegression::predict(const RowMatrix& x) const {
    torch::NoGradGuard noGrad;
    const at::Tensor best = probabilitiesOf(*this, x).argmax(1).to(torch::kInt).contiguous();
    return std::vector<int>(best.data_ptr<int>(), best.data_ptr<int>() + best.numel());
}

}  // namespace m2ds
