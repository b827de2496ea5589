#pragma once
#include <QWidget>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace m2ds {

/// The Layers dock: which encoder layer (0 = patch embedding … depth) the layer PCA lane shows, whether it is shown,
/// and what the view explains; a click on the lane shows each frame's similarity to the clicked one.
class LayerPanel : public QWidget {
    Q_OBJECT
public:
    explicit LayerPanel(QWidget* parent = nullptr);

    /// A model with `depth` blocks is loaded (0 = none: the controls are disabled).
    void setModelDepth(int depth);
    /// The layer chosen.
    int layer() const;
    /// True while the layer view is wanted.
    bool layerViewEnabled() const;
    /// A line about the view shown (or why none is).
    void showStatus(const QString& text);

signals:
    /// The layer or the switch changed.
    void layerViewChanged();

private:
    QSpinBox* layer_;
    QCheckBox* enabled_;
    QLabel* status_;
};

}  // namespace m2ds
