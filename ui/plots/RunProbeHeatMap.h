#pragma once
#include "plots/CellHeatMap.h"
#include "views/RunProbeData.h"

namespace m2ds {

/// Probe accuracy across a training run: a column per checkpoint (labelled by its epoch, in training order), a row
/// per layer, the colour the mean accuracy over folds on a scale spanning the cells' accuracies; hovering a cell shows
/// its layer, checkpoint and accuracy ± std.
class RunProbeHeatMap : public CellHeatMap {
    Q_OBJECT
public:
    explicit RunProbeHeatMap(QWidget* parent = nullptr);

    /// Draws `results` (empty: nothing).
    void setResults(const RunProbeData& results);

protected:
    /// "layer 3, epoch 2 (checkpoint-2.safetensors): accuracy 0.917 ± 0.021".
    QString describeCell(int row, int column) const override;

private:
    RunProbeData results_;
};

}  // namespace m2ds
