#pragma once
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace m2ds {

/// The Layers dock: which encoder layer (0 = patch embedding … depth) the layer PCA lane shows, whether it is shown,
/// and what the view explains (a click on the lane shows each frame's similarity to the clicked one); and which block
/// (1 … depth) and head (or their mean) the attention map of a patch clicked in the spectrogram comes from.
class LayerPanel : public QWidget {
    Q_OBJECT
public:
    explicit LayerPanel(QWidget* parent = nullptr);

    /// A model with `depth` blocks of `heads` heads is loaded (0 = none: the controls are disabled).
    void setModel(int depth, int heads);
    /// The layer chosen.
    int layer() const;
    /// True while the layer view is wanted.
    bool layerViewEnabled() const;
    /// A line about the view shown (or why none is).
    void showStatus(const QString& text);
    /// True while a click in the spectrogram should show that patch's attention.
    bool attentionEnabled() const;
    /// The block (1 … depth) and head (−1 = the mean over heads) of the attention map.
    int attentionLayer() const;
    int attentionHead() const;

signals:
    /// The layer or the switch changed.
    void layerViewChanged();
    /// The attention block, head or switch changed.
    void attentionChanged();

private:
    QSpinBox* layer_;
    QCheckBox* enabled_;
    QLabel* status_;
    QSpinBox* attentionLayer_;
    QComboBox* head_;
    QCheckBox* attention_;
};

}  // namespace m2ds
