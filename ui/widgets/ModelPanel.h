#pragma once
#include <QWidget>

#include "views/ModelSummary.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace m2ds {

/// The Model dock: what the loaded model is, and the Inspect controls (mask ratio, seed, overlays on/off),
/// the total M2D loss of what is shown and the numbers of the clicked patch.
class ModelPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelPanel(QWidget* parent = nullptr);

    void showLoading(const QString& path);
    void showModel(const ModelSummary& summary);
    void showError(const QString& message);
    /// meanLoss NaN = no predictor; chunks: model inputs covered.
    void showInspection(float meanLoss, int chunks, int maskedPatches);
    void showPatch(const QString& description);

    unsigned seed() const;
    double maskRatio() const;
    bool overlaysEnabled() const;

signals:
    /// Seed, ratio or the overlay switch changed.
    void inspectSettingsChanged();

private:
    QLabel* summary_;
    QDoubleSpinBox* ratio_;
    QSpinBox* seed_;
    QCheckBox* overlays_;
    QLabel* loss_;
    QLabel* patch_;
};

}  // namespace m2ds
