#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/LinearReadout.h"
#include "probe/ProbeFolds.h"

namespace m2ds {

class ProgressMonitor;

/// Run settings of a cross-validated probe.
struct ProbeSettings {
    int folds = 5;                                               ///< outer folds (ProbeFolds are made by the caller)
    int innerFolds = 3;                                          ///< folds of the inner CV that picks C on each training set
    std::vector<double> regularisationGrid = {0.01, 0.1, 1.0, 10.0};  ///< C values (scikit-learn's); one value: no inner CV
    std::uint64_t seed = 0;                                      ///< inner folds are a pure function of it and the outer fold
    std::string device = "cpu";                                  ///< cpu | cuda | cuda:N
    int maxIterations = 100;                                     ///< L-BFGS steps per fit (scikit-learn's max_iter)
    double tolerance = 1e-4;                                     ///< gradient tolerance per fit (scikit-learn's tol)
    int threads = 0;                                             ///< LibTorch CPU threads; 0 = every hardware thread

    /// Throws InvalidArgument naming the first field out of range.
    void validate() const;
};

/// A probe's cross-validated score: mean and population std (ddof 0) over the outer folds.
struct ProbeScore {
    double accuracy = 0, accuracyStd = 0, macroF1 = 0, macroF1Std = 0;
    std::vector<double> chosenC;        ///< per fold
    std::vector<double> foldAccuracy;   ///< per fold, on its held-out rows
    std::vector<double> foldMacroF1;    ///< per fold
};

/// Linear probe of one layer: multinomial logistic regression on standardised embeddings.
class LayerProbe {
public:
    /// x [n, d] float32, labels [n] in [0, classes), folds over the same n rows. For each outer fold: standardise on
    /// its training rows, choose C from the grid by inner CV on them (innerFolds(); the best mean held-out accuracy,
    /// the first in grid order on a tie, as GridSearchCV; fits warm-started along increasing C), refit on all its
    /// training rows, score the held-out rows. monitor may be null; reports progress, throws CancelledError. Throws
    /// InvalidArgument for shapes that differ, bad settings, or (naming the label) a label with fewer than 2
    /// training rows.
    static ProbeScore evaluate(const RowMatrix& x, const std::vector<int>& labels, int classes, const ProbeFolds& folds,
                               const ProbeSettings& settings, const ProgressMonitor* monitor = nullptr);

    /// The inner folds over the training rows of outer fold `fold` (in row order): stratified on their labels with a
    /// seed drawn from (settings.seed, fold); grouped when `folds` were made by ProbeFolds::grouped. At most
    /// settings.innerFolds, fewer (down to 2) when the smallest label or the group count of those rows allows fewer.
    static ProbeFolds innerFolds(const std::vector<int>& labels, const ProbeFolds& folds, int fold, const ProbeSettings& settings);
};

}  // namespace m2ds
