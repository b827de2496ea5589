#pragma once
#include <QWidget>

#include "views/ModelSummary.h"
#include "views/ReadoutSummary.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace m2ds {

/// The Model dock: what the loaded model is, and the Inspect controls (mask ratio, seed, overlays on/off),
/// the total M2D loss of what is shown, the reconstruction readout (its held-out R², Fit readout) and the mean
/// reconstruction error of what is shown, and the numbers of the clicked patch.
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
    /// A readout was fitted.
    void showReadout(const ReadoutSummary& summary);
    /// A line about the readout instead (being fitted, failed, not possible).
    void showReadoutStatus(const QString& text);
    /// meanPatchError: of the reconstruction shown (NaN without one).
    void showReconstruction(float meanPatchError);

    unsigned seed() const;
    double maskRatio() const;
    bool overlaysEnabled() const;

signals:
    /// Seed, ratio or the overlay switch changed.
    void inspectSettingsChanged();
    /// The user asked to fit the reconstruction readout again (on every open recording).
    void fitReadoutRequested();
    /// The user chose where the model runs: "cpu" or "cuda".
    void deviceChosen(const QString& device);

private:
    QLabel* summary_;
    QDoubleSpinBox* ratio_;
    QSpinBox* seed_;
    QComboBox* device_;
    QLabel* deviceNote_;
    QCheckBox* overlays_;
    QLabel* loss_;
    QLabel* readout_;
    QPushButton* fitReadout_;
    QLabel* reconstruction_;
    QLabel* patch_;
};

}  // namespace m2ds
