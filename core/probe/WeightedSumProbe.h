#pragma once
#include <vector>

#include "analysis/LinearReadout.h"
#include "probe/LayerProbe.h"

namespace m2ds {

class ProgressMonitor;

/// The weighted-sum probe's cross-validated score (mean and population std over the outer folds).
struct WeightedSumScore {
    double accuracy = 0, accuracyStd = 0, macroF1 = 0, macroF1Std = 0;
    std::vector<double> layerWeights;   ///< [L] softmax weights, mean over folds: sum 1
    std::vector<double> chosenC;        ///< per fold
    std::vector<double> foldAccuracy;   ///< per fold
    std::vector<double> foldMacroF1;    ///< per fold
};

/// SUPERB's learned weighted sum of all layers (Yang et al. 2021): each layer standardised on the training rows, mixed
/// as Σ softmax(w)ₗ·xₗ and read by a linear softmax head; w, the head and its bias trained jointly by L-BFGS on
/// Σ cross-entropy + ‖W_head‖²/(2C) (no penalty on w or the bias), starting from equal weights. C chosen per fold by
/// the same inner CV as LayerProbe.
class WeightedSumProbe {
public:
    /// layers: L ≥ 1 matrices [n, d] (same n, d), labels [n] in [0, classes), folds over the n rows. monitor may be null;
    /// reports progress, throws CancelledError. Throws InvalidArgument for shapes that differ or bad settings.
    static WeightedSumScore evaluate(const std::vector<RowMatrix>& layers, const std::vector<int>& labels, int classes,
                                     const ProbeFolds& folds, const ProbeSettings& settings, const ProgressMonitor* monitor = nullptr);
};

}  // namespace m2ds
