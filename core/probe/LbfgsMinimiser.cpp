#include "probe/LbfgsMinimiser.h"

#include <algorithm>
#include <cmath>

namespace m2ds {
namespace {

constexpr double kArmijo = 1e-4;
// Hager & Zhang's approximate Wolfe conditions (2005), for steps whose change of the objective is below its rounding:
// the objective is a float64 sum of float32 products, good to ~1e-7 of its value, its gradient far better.
constexpr double kValueNoise = 1e-6;
constexpr double kWolfeDelta = 0.1;
constexpr double kWolfeSigma = 0.9;

/// Hager–Zhang: σ·φ'(0) ≤ φ'(t) ≤ (2δ − 1)·φ'(0) for the slopes φ' along the direction.
bool approximateWolfe(double trialSlope, double slope) {
    return trialSlope <= (2.0 * kWolfeDelta - 1.0) * slope && trialSlope >= kWolfeSigma * slope;
}

// Four partial sums, so that the compiler vectorises the loops (the parameters are a few thousand numbers, and these
// loops run ~40 times per step).
double dotOf(const std::vector<double>& a, const std::vector<double>& b) {
    double sum[4] = {0.0, 0.0, 0.0, 0.0};
    const std::size_t n = a.size(), blocks = n / 4 * 4;
    for (std::size_t i = 0; i < blocks; i += 4)
        for (std::size_t k = 0; k < 4; ++k) sum[k] += a[i + k] * b[i + k];
    for (std::size_t i = blocks; i < n; ++i) sum[0] += a[i] * b[i];
    return (sum[0] + sum[1]) + (sum[2] + sum[3]);
}

/// y += alpha·x.
void addScaled(std::vector<double>& y, double alpha, const std::vector<double>& x) {
    for (std::size_t i = 0; i < y.size(); ++i) y[i] += alpha * x[i];
}

double largestMagnitude(const std::vector<double>& v) {
    double largest = 0.0;
    for (double value : v) largest = std::max(largest, std::abs(value));
    return largest;
}

/// The correction pairs (s, y, 1/sᵀy) of the last steps in a ring: slot (first + k) % size is the k-th oldest.
class CurvatureMemory {
public:
    CurvatureMemory(std::size_t parameters, int history) : s_(std::size_t(history), std::vector<double>(parameters)), y_(s_), rho_(s_.size()) {}

    bool empty() const { return count_ == 0; }
    void clear() { count_ = 0; }
    /// The pair of the step trial − x with gradient change trialGradient − g, kept when sᵀy > 1e-10·yᵀy.
    void add(const std::vector<double>& x, const std::vector<double>& trial, const std::vector<double>& g, const std::vector<double>& trialGradient) {
        const std::size_t slot = (first_ + count_) % s_.size();
        std::vector<double>& s = s_[slot];
        std::vector<double>& y = y_[slot];
        for (std::size_t i = 0; i < s.size(); ++i) s[i] = trial[i] - x[i], y[i] = trialGradient[i] - g[i];
        const double sy = dotOf(s, y);
        if (!(sy > 1e-10 * dotOf(y, y))) return;
        rho_[slot] = 1.0 / sy;
        if (count_ < s_.size()) ++count_;
        else first_ = (first_ + 1) % s_.size();
    }

    /// −H·g by the two-loop recursion into d, H₀ = sᵀy / yᵀy of the newest pair.
    void direction(const std::vector<double>& g, std::vector<double>& d) {
        d = g;
        alpha_.resize(count_);
        for (std::size_t k = count_; k-- > 0;) {
            const std::size_t slot = (first_ + k) % s_.size();
            alpha_[k] = rho_[slot] * dotOf(s_[slot], d);
            addScaled(d, -alpha_[k], y_[slot]);
        }
        const std::size_t newest = (first_ + count_ - 1) % s_.size();
        const double gamma = 1.0 / (rho_[newest] * dotOf(y_[newest], y_[newest]));
        for (double& value : d) value *= gamma;
        for (std::size_t k = 0; k < count_; ++k) {
            const std::size_t slot = (first_ + k) % s_.size();
            addScaled(d, alpha_[k] - rho_[slot] * dotOf(y_[slot], d), s_[slot]);
        }
        for (double& value : d) value = -value;
    }

private:
    std::vector<std::vector<double>> s_, y_;
    std::vector<double> rho_, alpha_;
    std::size_t first_ = 0, count_ = 0;
};

}  // namespace

LbfgsResult LbfgsMinimiser::minimise(const Objective& objective, std::vector<double>& x, const LbfgsSettings& settings) {
    const std::size_t p = x.size();
    std::vector<double> g(p), trial(p), trialGradient(p);
    LbfgsResult result;
    double f = objective(x, g);
    CurvatureMemory memory(p, std::max(1, settings.history));
    auto finish = [&](LbfgsResult::Stop stop) {
        result.stop = stop;
        result.value = f;
        return result;
    };
    if (largestMagnitude(g) <= settings.gradientTolerance) return finish(LbfgsResult::Stop::Gradient);
    std::vector<double> d(p);
    while (result.iterations < settings.maxIterations) {
        double slope = 0.0, step = 1.0;
        if (!memory.empty()) {
            memory.direction(g, d);
            slope = dotOf(g, d);
        }
        if (memory.empty() || !(slope < 0.0)) {  // first step, or a direction spoilt by rounding: steepest descent, unit move
            memory.clear();
            for (std::size_t i = 0; i < p; ++i) d[i] = -g[i];
            slope = -dotOf(g, g);
            step = 1.0 / std::sqrt(-slope);
        }
        double trialValue = 0.0;
        bool accepted = false, decreased = false;
        for (int search = 0; search < settings.maxLineSearch && !accepted; ++search) {
            for (std::size_t i = 0; i < p; ++i) trial[i] = x[i] + step * d[i];
            trialValue = objective(trial, trialGradient);
            decreased = std::isfinite(trialValue) && trialValue <= f + kArmijo * step * slope;
            accepted = decreased || (std::isfinite(trialValue) && std::abs(trialValue - f) <= kValueNoise * std::abs(f) &&
                                     approximateWolfe(dotOf(trialGradient, d), slope));
            if (accepted) break;
            const double curvature = std::isfinite(trialValue) ? trialValue - f - slope * step : 0.0;
            const double minimiser = curvature > 0.0 ? -slope * step * step / (2.0 * curvature) : 0.1 * step;
            step = std::clamp(minimiser, 0.1 * step, 0.5 * step);
        }
        if (!accepted) return finish(LbfgsResult::Stop::LineSearch);
        memory.add(x, trial, g, trialGradient);
        const double decrease = (f - trialValue) / std::max({std::abs(f), std::abs(trialValue), 1.0});
        x.swap(trial);
        g.swap(trialGradient);
        f = trialValue;
        ++result.iterations;
        if (largestMagnitude(g) <= settings.gradientTolerance) return finish(LbfgsResult::Stop::Gradient);
        if (decreased && decrease <= settings.relativeDecrease) return finish(LbfgsResult::Stop::Decrease);
    }
    return finish(LbfgsResult::Stop::Iterations);
}

}  // namespace m2ds
