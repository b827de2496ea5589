#pragma once
#include <string>
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds {

/// Fit settings of a multinomial logistic regression.
struct LogisticRegressionSettings {
    double inverseRegularisation = 1.0;  ///< scikit-learn's C: minimise ½‖W‖² + C·Σ cross-entropy; the bias is not penalised
    int maxIterations = 100;             ///< L-BFGS steps (scikit-learn's max_iter)
    double tolerance = 1e-4;             ///< stop when every gradient element of Σ cross-entropy + ‖W‖²/(2C) is ≤ this (tol)
    double relativeDecrease = 2.2e-9;    ///< or when a step lowers that objective by less than this fraction (scipy's ftol,
                                         ///< which scikit-learn leaves at its default); 0 = only the gradient and rounding stop
    std::string device = "cpu";          ///< cpu | cuda | cuda:N (when LibTorch has CUDA)
    int threads = 0;                     ///< LibTorch CPU threads; 0 = every hardware thread
};

/// Multinomial (softmax) logistic regression with an L2 penalty on the weights, scikit-learn's
/// LogisticRegression(multi_class="multinomial", solver="lbfgs") objective: one weight column and one bias per class
/// (for two classes the symmetric model, which is scikit-learn's default binary model at 2C).
/// Fitted by L-BFGS: float32 products and softmax on the chosen device, the loss summed and the parameters kept in float64.
class LogisticRegression {
public:
    /// x [n, d] float32, labels [n] in [0, classes), classes ≥ 2. start: a model of the same d and classes to start
    /// from (warm start, e.g. the fit at a neighbouring C), or null for zeros. Throws InvalidArgument naming the bad
    /// input (shapes, a label outside, C ≤ 0, a bad device).
    static LogisticRegression fit(const RowMatrix& x, const std::vector<int>& labels, int classes, const LogisticRegressionSettings& settings,
                                  const LogisticRegression* start = nullptr);

    /// [n, classes] float32 softmax probabilities of the rows of x [n, d].
    RowMatrix probabilities(const RowMatrix& x) const;
    /// [n] the most probable class of each row (the first on an exact tie).
    std::vector<int> predict(const RowMatrix& x) const;

    int classes() const { return classes_; }
    std::size_t inputDim() const { return inputDim_; }
    /// [d, classes] row-major weights and [classes] biases.
    const std::vector<double>& weights() const { return weights_; }
    const std::vector<double>& bias() const { return bias_; }
    /// L-BFGS steps taken, and whether a tolerance (or the objective's rounding floor) stopped it before maxIterations.
    int iterations() const { return iterations_; }
    bool converged() const { return converged_; }
    /// Σ cross-entropy + ‖W‖²/(2C) at the fitted weights (scikit-learn's objective scale).
    double objective() const { return objective_; }

private:
    std::size_t inputDim_ = 0;
    int classes_ = 0;
    std::vector<double> weights_;
    std::vector<double> bias_;
    int iterations_ = 0;
    bool converged_ = false;
    double objective_ = 0.0;
};

}  // namespace m2ds
