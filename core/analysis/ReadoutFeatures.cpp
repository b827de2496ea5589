#include "analysis/ReadoutFeatures.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace m2ds {
namespace {

void normaliseLength(const double* values, std::size_t dim, float* out) {
    double squares = 0.0;
    for (std::size_t i = 0; i < dim; ++i) squares += values[i] * values[i];
    const double length = std::max(std::sqrt(squares), 1e-12);  // F.normalize's eps
    for (std::size_t i = 0; i < dim; ++i) out[i] = float(values[i] / length);
}

}  // namespace

void ReadoutFeatures::ofTarget(const float* latent, std::size_t dim, float* out) {
    double mean = 0.0;
    for (std::size_t i = 0; i < dim; ++i) mean += latent[i];
    mean /= double(dim);
    double squares = 0.0;
    for (std::size_t i = 0; i < dim; ++i) squares += (latent[i] - mean) * (latent[i] - mean);
    const double deviation = std::sqrt(squares / double(dim > 1 ? dim - 1 : 1) + 1e-6);
    std::vector<double> standardised(dim);
    for (std::size_t i = 0; i < dim; ++i) standardised[i] = (latent[i] - mean) / deviation;
    normaliseLength(standardised.data(), dim, out);
}

void ReadoutFeatures::ofPrediction(const float* latent, std::size_t dim, float* out) {
    std::vector<double> values(latent, latent + dim);
    normaliseLength(values.data(), dim, out);
}

}  // namespace m2ds
