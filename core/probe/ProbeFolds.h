#pragma once
#include <cstdint>
#include <vector>

namespace m2ds {

/// Which outer cross-validation fold each row is held out in: every row is held out in exactly one of count() folds
/// and trains the models of all the others.
class ProbeFolds {
public:
    /// Stratified k-fold over labels [n] (any integer ids): each label's rows, shuffled with `seed`, are dealt to the
    /// folds in turn, so every label is spread evenly (per-fold counts differ by at most 1) and fold sizes differ by at
    /// most 1. Throws InvalidArgument for folds < 2, fewer than 2 labels, or a label with fewer rows than folds
    /// ("label '3' has 2 examples, fewer than the 5 folds").
    static ProbeFolds stratified(const std::vector<int>& labels, int folds, std::uint64_t seed);
    /// Group k-fold: all rows of a group (e.g. a speaker) in one fold, so no group is split. Groups, largest first (ties
    /// in an order shuffled with `seed`), go to the fold that holds the least of their labels so far (relative to each
    /// label's total), then the smallest fold: sizes balanced, labels as even as the groups allow. groups [n] any
    /// integer ids. Throws InvalidArgument for folds < 2, lengths that differ, or fewer groups than folds.
    static ProbeFolds grouped(const std::vector<int>& labels, const std::vector<int>& groups, int folds, std::uint64_t seed);
    /// Given fold of each row, in [0, folds) with every fold used (e.g. scikit-learn's, for tests and benchmarks).
    /// Throws InvalidArgument for a negative fold, an unused fold or fewer than 2 folds.
    static ProbeFolds fromAssignment(std::vector<int> foldOfRow);

    /// Number of folds.
    int count() const { return count_; }
    /// [n] the fold each row is held out in.
    const std::vector<int>& foldOfRow() const { return foldOfRow_; }
    /// [n] 1 where the row is held out in `fold`.
    std::vector<char> heldOut(int fold) const;
    /// [n] the group of each row when made by grouped(), else empty (the inner folds of a probe follow the groups too).
    const std::vector<int>& groupOfRow() const { return groupOfRow_; }

private:
    std::vector<int> foldOfRow_;
    std::vector<int> groupOfRow_;
    int count_ = 0;
};

}  // namespace m2ds
