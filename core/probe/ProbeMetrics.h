#pragma once
#include <vector>

namespace m2ds {

/// Scores of predicted class ids against true ones, as scikit-learn's accuracy_score and f1_score.
namespace ProbeMetrics {
/// Fraction of rows where predicted equals truth (both [n], n ≥ 1); throws InvalidArgument otherwise.
double accuracy(const std::vector<int>& truth, const std::vector<int>& predicted);
/// Unweighted mean over classes of F1 = 2TP / (2TP + FP + FN), ids in [0, classes): f1_score(average='macro'). A class
/// absent from both truth and predicted is left out, as scikit-learn does (it scores the labels present). Throws
/// InvalidArgument for lengths that differ, no rows, or an id outside [0, classes).
double macroF1(const std::vector<int>& truth, const std::vector<int>& predicted, int classes);
}  // namespace ProbeMetrics

}  // namespace m2ds
