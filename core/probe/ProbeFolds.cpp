#include "probe/ProbeFolds.h"

#include <algorithm>
#include <map>
#include <string>

#include "common/DeterministicRandom.h"
#include "common/Errors.h"

namespace m2ds {
namespace {

void checkFoldCount(int folds) {
    if (folds < 2) throw InvalidArgument("cross-validation needs at least 2 folds, got " + std::to_string(folds));
}

/// Row indices of each distinct id, ids in increasing order.
std::map<int, std::vector<std::size_t>> rowsById(const std::vector<int>& ids) {
    std::map<int, std::vector<std::size_t>> rows;
    for (std::size_t r = 0; r < ids.size(); ++r) rows[ids[r]].push_back(r);
    return rows;
}

/// Dense indices 0..L-1 of the labels [n] (in increasing label order) and the row count of each.
std::vector<std::size_t> denseLabels(const std::vector<int>& labels, std::vector<std::size_t>& totals) {
    std::map<int, std::size_t> index;
    for (int label : labels) index.emplace(label, 0);
    std::size_t next = 0;
    for (auto& entry : index) entry.second = next++;
    totals.assign(index.size(), 0);
    std::vector<std::size_t> dense(labels.size());
    for (std::size_t r = 0; r < labels.size(); ++r) ++totals[dense[r] = index[labels[r]]];
    return dense;
}

}  // namespace

ProbeFolds ProbeFolds::stratified(const std::vector<int>& labels, int folds, std::uint64_t seed) {
    checkFoldCount(folds);
    const auto byLabel = rowsById(labels);
    if (byLabel.size() < 2)
        throw InvalidArgument("a probe needs at least 2 labels, got " + std::to_string(byLabel.size()) +
                              (byLabel.empty() ? "" : " (label '" + std::to_string(byLabel.begin()->first) + "')"));
    for (const auto& [label, rows] : byLabel)
        if (rows.size() < std::size_t(folds))
            throw InvalidArgument("label '" + std::to_string(label) + "' has " + std::to_string(rows.size()) + " examples, fewer than the " +
                                  std::to_string(folds) + " folds");
    ProbeFolds result;
    result.count_ = folds;
    result.foldOfRow_.assign(labels.size(), 0);
    std::size_t dealt = 0;  // continuing the deal across labels keeps the fold sizes within 1 of each other
    for (const auto& [label, rows] : byLabel) {
        DeterministicRandom random{seed, static_cast<std::uint64_t>(static_cast<std::int64_t>(label))};
        for (std::size_t i : random.permutation(rows.size())) result.foldOfRow_[rows[i]] = int(dealt++ % std::size_t(folds));
    }
    return result;
}

ProbeFolds ProbeFolds::grouped(const std::vector<int>& labels, const std::vector<int>& groups, int folds, std::uint64_t seed) {
    checkFoldCount(folds);
    if (groups.size() != labels.size())
        throw InvalidArgument("group k-fold: " + std::to_string(groups.size()) + " groups for " + std::to_string(labels.size()) + " rows");
    const auto byGroup = rowsById(groups);
    if (byGroup.size() < std::size_t(folds))
        throw InvalidArgument("group k-fold: " + std::to_string(byGroup.size()) + " groups, fewer than the " + std::to_string(folds) + " folds");
    std::vector<std::size_t> labelTotals;
    const std::vector<std::size_t> label = denseLabels(labels, labelTotals);
    std::vector<const std::vector<std::size_t>*> order;
    for (const auto& entry : byGroup) order.push_back(&entry.second);
    DeterministicRandom random{seed};
    const std::vector<std::size_t> shuffled = random.permutation(order.size());
    std::vector<const std::vector<std::size_t>*> queue;
    for (std::size_t i : shuffled) queue.push_back(order[i]);
    std::stable_sort(queue.begin(), queue.end(), [](const auto* a, const auto* b) { return a->size() > b->size(); });

    const std::size_t labelCount = labelTotals.size();
    std::vector<double> share(std::size_t(folds) * labelCount, 0.0);  // [fold, label] rows / label total
    std::vector<std::size_t> size(std::size_t(folds), 0);
    ProbeFolds result;
    result.count_ = folds;
    result.foldOfRow_.assign(labels.size(), 0);
    result.groupOfRow_ = groups;
    std::vector<double> groupShare(labelCount);
    for (const std::vector<std::size_t>* rows : queue) {
        std::fill(groupShare.begin(), groupShare.end(), 0.0);
        for (std::size_t r : *rows) groupShare[label[r]] += 1.0 / double(labelTotals[label[r]]);
        int best = 0;
        double bestOverlap = 0.0;
        for (int f = 0; f < folds; ++f) {
            double overlap = 0.0;  // how much of this group's labels the fold already holds
            for (std::size_t l = 0; l < labelCount; ++l) overlap += groupShare[l] * share[std::size_t(f) * labelCount + l];
            const bool better = f == 0 || overlap < bestOverlap - 1e-12 ||
                                (overlap <= bestOverlap + 1e-12 && size[std::size_t(f)] < size[std::size_t(best)]);
            if (better) best = f, bestOverlap = overlap;
        }
        for (std::size_t l = 0; l < labelCount; ++l) share[std::size_t(best) * labelCount + l] += groupShare[l];
        size[std::size_t(best)] += rows->size();
        for (std::size_t r : *rows) result.foldOfRow_[r] = best;
    }
    return result;
}

ProbeFolds ProbeFolds::fromAssignment(std::vector<int> foldOfRow) {
    const int folds = foldOfRow.empty() ? 0 : *std::max_element(foldOfRow.begin(), foldOfRow.end()) + 1;
    checkFoldCount(folds);
    std::vector<char> used(std::size_t(folds), 0);
    for (int fold : foldOfRow) {
        if (fold < 0) throw InvalidArgument("fold assignment: negative fold " + std::to_string(fold));
        used[std::size_t(fold)] = 1;
    }
    for (int f = 0; f < folds; ++f)
        if (!used[std::size_t(f)]) throw InvalidArgument("fold assignment: fold " + std::to_string(f) + " of " + std::to_string(folds) + " holds no row");
    ProbeFolds result;
    result.count_ = folds;
    result.foldOfRow_ = std::move(foldOfRow);
    return result;
}

std::vector<char> ProbeFolds::heldOut(int fold) const {
    if (fold < 0 || fold >= count_) throw InvalidArgument("fold " + std::to_string(fold) + " outside 0.." + std::to_string(count_ - 1));
    std::vector<char> mask(foldOfRow_.size());
    for (std::size_t r = 0; r < mask.size(); ++r) mask[r] = foldOfRow_[r] == fold;
    return mask;
}

}  // namespace m2ds
