#pragma once
// Internal to core/probe: a limited-memory BFGS minimiser on host float64 vectors (the probes' parameters are a few
// thousand numbers; the costly part, the objective, runs in LibTorch on the probe's device).
#include <functional>
#include <vector>

namespace m2ds {

struct LbfgsSettings {
    int maxIterations = 100;          ///< accepted steps
    double gradientTolerance = 1e-4;  ///< stop when max |gradient element| ≤ this (scipy's gtol)
    double relativeDecrease = 2.2e-9; ///< stop when (f_k − f_k+1) / max(|f_k|, |f_k+1|, 1) ≤ this (scipy's ftol)
    int history = 10;                 ///< correction pairs kept (scipy's maxcor)
    int maxLineSearch = 20;           ///< objective evaluations per line search
};

struct LbfgsResult {
    enum class Stop { Gradient, Decrease, LineSearch, Iterations };
    Stop stop = Stop::Iterations;
    int iterations = 0;
    double value = 0.0;
    /// Stopped by a tolerance, or where no step decreases the objective any more (its rounding floor).
    bool converged() const { return stop != Stop::Iterations; }
};

/// Minimises a smooth function by L-BFGS (two-loop recursion, initial Hessian sᵀy/yᵀy) with a backtracking Armijo line
/// search (c₁ = 1e-4, safeguarded quadratic interpolation) that starts at step 1 (the first iteration: a unit move).
/// Where the objective's change is within 1e-6 of its value (its float32 rounding), a step is accepted by Hager and
/// Zhang's approximate Wolfe conditions on the gradient instead, so that the gradient tolerance stays reachable; such
/// steps never trigger the relative-decrease stop. Curvature pairs with sᵀy ≤ 1e-10·yᵀy are not kept.
class LbfgsMinimiser {
public:
    /// Value at x [p]; writes the gradient [p] into `gradient` (already sized p).
    using Objective = std::function<double(const std::vector<double>& x, std::vector<double>& gradient)>;

    /// Starts at x and leaves the last accepted point in x.
    static LbfgsResult minimise(const Objective& objective, std::vector<double>& x, const LbfgsSettings& settings);
};

}  // namespace m2ds
