#include "probe/ProbeMetrics.h"

#include <string>

#include "common/Errors.h"

namespace m2ds::ProbeMetrics {
namespace {

void checkPair(const std::vector<int>& truth, const std::vector<int>& predicted) {
    if (truth.size() != predicted.size())
        throw InvalidArgument("probe metrics: " + std::to_string(predicted.size()) + " predictions for " + std::to_string(truth.size()) + " rows");
    if (truth.empty()) throw InvalidArgument("probe metrics: no rows to score");
}

void checkClass(int id, int classes) {
    if (id < 0 || id >= classes)
        throw InvalidArgument("probe metrics: class " + std::to_string(id) + " outside 0.." + std::to_string(classes - 1));
}

}  // namespace

double accuracy(const std::vector<int>& truth, const std::vector<int>& predicted) {
    checkPair(truth, predicted);
    std::size_t correct = 0;
    for (std::size_t r = 0; r < truth.size(); ++r) correct += truth[r] == predicted[r];
    return double(correct) / double(truth.size());
}

double macroF1(const std::vector<int>& truth, const std::vector<int>& predicted, int classes) {
    checkPair(truth, predicted);
    std::vector<std::size_t> truePositives(std::size_t(classes), 0), trueCount(std::size_t(classes), 0), predictedCount(std::size_t(classes), 0);
    for (std::size_t r = 0; r < truth.size(); ++r) {
        checkClass(truth[r], classes);
        checkClass(predicted[r], classes);
        ++trueCount[std::size_t(truth[r])];
        ++predictedCount[std::size_t(predicted[r])];
        truePositives[std::size_t(truth[r])] += truth[r] == predicted[r];
    }
    double sum = 0.0;
    int present = 0;
    for (std::size_t c = 0; c < std::size_t(classes); ++c) {
        const std::size_t denominator = trueCount[c] + predictedCount[c];  // 2TP + FP + FN
        if (denominator == 0) continue;
        sum += 2.0 * double(truePositives[c]) / double(denominator);
        ++present;
    }
    return sum / double(present);
}

}  // namespace m2ds::ProbeMetrics
