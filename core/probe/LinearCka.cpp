#include "probe/LinearCka.h"

#include <limits>
#include <string>
#include <torch/torch.h>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "probe/ProbeTensors.h"

namespace m2ds {
namespace {

constexpr double kGramBytesLimit = 2.0 * 1024 * 1024 * 1024;

void checkLayer(const RowMatrix& layer, std::size_t rows, const std::string& name) {
    if (layer.rows != rows || layer.cols == 0 || layer.values.size() != layer.rows * layer.cols)
        throw InvalidArgument("CKA: " + name + " is [" + std::to_string(layer.rows) + ", " + std::to_string(layer.cols) + "] with " +
                              std::to_string(layer.values.size()) + " values, for " + std::to_string(rows) + " rows");
    if (rows < 2) throw InvalidArgument("CKA needs at least 2 rows, got " + std::to_string(rows));
}

void checkLayers(const std::vector<RowMatrix>& layers, std::size_t rows, const char* side) {
    for (std::size_t l = 0; l < layers.size(); ++l) checkLayer(layers[l], rows, std::string("layer ") + std::to_string(l) + " of " + side);
}

/// x [n, d] as float64 with each column's mean removed.
at::Tensor centredColumns(const RowMatrix& x) {
    const at::Tensor values = probe::matrixOnDevice(x, c10::Device(c10::kCPU)).to(torch::kDouble);
    return values - values.mean(0, /*keepdim=*/true);
}

/// The centred Gram XcXcᵀ [n, n] divided by its Frobenius norm (NaN everywhere for a constant x).
at::Tensor normalisedGram(const RowMatrix& x) {
    const at::Tensor centred = centredColumns(x);
    const at::Tensor gram = centred.mm(centred.t());
    return gram / gram.norm();
}

/// Per layer of the feature form: its centred features and ‖XcᵀXc‖_F.
struct CentredLayer {
    at::Tensor features;
    double selfNorm;
};

CentredLayer centredLayer(const RowMatrix& x) {
    at::Tensor features = centredColumns(x);
    const double selfNorm = features.t().mm(features).norm().item<double>();
    return {features, selfNorm};
}

double featureCka(const CentredLayer& a, const CentredLayer& b) {
    return b.features.t().mm(a.features).pow(2).sum().item<double>() / (a.selfNorm * b.selfNorm);
}

bool gramFormPays(std::size_t rows, std::size_t la, std::size_t lb, double meanDa, double meanDb) {
    const double n = double(rows);
    if ((double(lb) + 1.0) * n * n * sizeof(double) > kGramBytesLimit) return false;
    const double gramCost = (double(la) * meanDa + double(lb) * meanDb) * n * n + double(la * lb) * n * n;
    const double featureCost = double(la * lb) * n * meanDa * meanDb + n * (double(la) * meanDa * meanDa + double(lb) * meanDb * meanDb);
    return gramCost <= featureCost;
}

double meanColumns(const std::vector<RowMatrix>& layers) {
    double sum = 0.0;
    for (const RowMatrix& layer : layers) sum += double(layer.cols);
    return sum / double(layers.size());
}

/// Calls cell(i, j) for every pair (only j ≥ i for a symmetric matrix, mirrored), reporting per row.
template <typename Cell>
std::vector<double> fillCkaMatrix(std::size_t la, std::size_t lb, bool symmetric, const ProgressMonitor* monitor, const Cell& cell) {
    std::vector<double> out(la * lb, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < la; ++i) {
        if (monitor != nullptr) monitor->throwIfCancelled();
        for (std::size_t j = symmetric ? i : 0; j < lb; ++j) {
            out[i * lb + j] = cell(i, j);
            if (symmetric) out[j * lb + i] = out[i * lb + j];
        }
        if (monitor != nullptr) monitor->report(double(i + 1) / double(la));
    }
    return out;
}

}  // namespace

double LinearCka::between(const RowMatrix& a, const RowMatrix& b) {
    checkLayer(a, a.rows, "a");
    checkLayer(b, a.rows, "b");
    torch::NoGradGuard noGrad;
    const probe::ScopedProbeThreads threads(probe::threadsForWork(0, double(a.rows) * double(a.rows) * double(a.cols + b.cols)));
    if (gramFormPays(a.rows, 1, 1, double(a.cols), double(b.cols)))
        return (normalisedGram(a) * normalisedGram(b)).sum().item<double>();
    return featureCka(centredLayer(a), centredLayer(b));
}

std::vector<double> LinearCka::matrix(const std::vector<RowMatrix>& a, const std::vector<RowMatrix>& b, const ProgressMonitor* monitor) {
    if (a.empty() || b.empty()) throw InvalidArgument("CKA matrix: no layers on one side");
    const std::size_t rows = a.front().rows;
    checkLayers(a, rows, "a");
    checkLayers(b, rows, "b");
    torch::NoGradGuard noGrad;
    const probe::ScopedProbeThreads threads(probe::threadsForWork(0, double(rows) * double(rows) * meanColumns(a)));
    const bool symmetric = &a == &b;
    if (gramFormPays(rows, symmetric ? 0 : a.size(), b.size(), meanColumns(a), meanColumns(b))) {
        std::vector<at::Tensor> grams;
        for (const RowMatrix& layer : b) grams.push_back(normalisedGram(layer));
        at::Tensor current;
        std::size_t currentIndex = a.size();
        return fillCkaMatrix(a.size(), b.size(), symmetric, monitor, [&](std::size_t i, std::size_t j) {
            if (currentIndex != i) current = symmetric ? grams[i] : normalisedGram(a[i]), currentIndex = i;
            return (current * grams[j]).sum().item<double>();
        });
    }
    std::vector<CentredLayer> centredB;
    for (const RowMatrix& layer : b) centredB.push_back(centredLayer(layer));
    CentredLayer current;
    std::size_t currentIndex = a.size();
    return fillCkaMatrix(a.size(), b.size(), symmetric, monitor, [&](std::size_t i, std::size_t j) {
        if (currentIndex != i) current = symmetric ? centredB[i] : centredLayer(a[i]), currentIndex = i;
        return featureCka(current, centredB[j]);
    });
}

}  // namespace m2ds
