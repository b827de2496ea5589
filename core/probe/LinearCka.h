#pragma once
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds {

class ProgressMonitor;

/// Linear centred kernel alignment (Kornblith et al. 2019): for column-centred X [n, da] and Y [n, db],
/// CKA = ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F) = ⟨XXᵀ, YYᵀ⟩_F / (‖XXᵀ‖_F ‖YYᵀ‖_F), in [0, 1]; 1 for representations that differ
/// by an orthogonal map and an isotropic scale. Computed in float64 on the CPU; NaN when either side is constant (0/0).
class LinearCka {
public:
    /// a [n, da] and b [n, db]: two representations of the same n ≥ 2 rows. Throws InvalidArgument otherwise.
    static double between(const RowMatrix& a, const RowMatrix& b);
    /// [La, Lb] row-major: CKA of every layer of a with every layer of b (all [n, ·] over the same rows; pass the same
    /// vector twice for one model's layer-by-layer matrix, which is then symmetric and computed once per pair). Uses the
    /// Gram form (each layer's centred n×n Gram computed once, b's kept, while they fit in 2 GiB and cost less) or the
    /// feature form (‖YᵀX‖² per pair). monitor may be null; reports progress per layer of a, throws CancelledError.
    static std::vector<double> matrix(const std::vector<RowMatrix>& a, const std::vector<RowMatrix>& b, const ProgressMonitor* monitor = nullptr);
};

}  // namespace m2ds
