#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace m2ds {

/// How well frame clusters z match reference frame labels y (phones, words, speakers), by the measures of the
/// HuBERT paper (Hsu et al. 2021, section IV-D), over the joint distribution p(y, z) of the labelled frames.
/// Entropies and information are in nats; purities and PNMI are fractions in [0, 1].
struct LabelAgreement {
    std::size_t frames = 0;
    std::size_t labelClasses = 0;    ///< distinct y
    std::size_t clusterClasses = 0;  ///< distinct z that occur
    double phonePurity = 0.0;        ///< E_z[max_y p(y|z)] = Σ_z max_y p(y, z): the labels a cluster stands for
    double clusterPurity = 0.0;      ///< E_y[max_z p(z|y)] = Σ_y max_z p(y, z): how concentrated a label's clusters are
    double mutualInformation = 0.0;  ///< I(y; z)
    double labelEntropy = 0.0;       ///< H(y)
    double pnmi = 0.0;               ///< phone-normalised mutual information I(y; z) / H(y) (0 when H(y) = 0)
};

/// Codebook statistics: inertia, the cluster-size histogram, and agreement with reference labels.
class ClusterQuality {
public:
    /// Σ of squared distances [n] (e.g. Assignments::distances), accumulated in float64.
    static double inertia(const std::vector<float>& squaredDistances);
    /// Frames per cluster: [k] counts of labels [n] in [0, k); throws InvalidArgument for a label outside.
    static std::vector<std::int64_t> clusterSizes(const std::vector<std::int32_t>& labels, std::size_t k);
    /// Purities and PNMI of cluster labels z [n] against reference labels y [n] (any integer ids, one per frame).
    /// Throws InvalidArgument when the lengths differ or there are no frames.
    static LabelAgreement agreement(const std::vector<std::int32_t>& referenceLabels, const std::vector<std::int32_t>& clusterLabels);
};

}  // namespace m2ds
