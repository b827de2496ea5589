#pragma once
#include <QWidget>

class QRadioButton;

namespace m2ds {

class PathPicker;

/// Which encoder a form reads layers of: the model loaded in the workbench, or a Hugging Face HuBERT / wav2vec 2.0
/// folder (config.json + model.safetensors or pytorch_model.bin). It also words what a layer number means for the
/// choice, so that the Clusters dock and File ▸ Export Embeddings… say it the same way.
class EncoderChoice : public QWidget {
    Q_OBJECT
public:
    explicit EncoderChoice(QWidget* parent = nullptr);

    /// The loaded model's name; empty: none, and the folder is the only choice.
    void setLoadedModel(const QString& name);
    /// True when the folder is chosen (even before one is named).
    bool usesHubert() const;
    /// The chosen folder; empty when the loaded model is chosen.
    QString hubertFolder() const;
    /// Chooses `folder`; empty: the loaded model when there is one.
    void setHubertFolder(const QString& folder);
    /// True when the choice can be used: a loaded model chosen, or a folder chosen and named.
    bool isReady() const;
    /// What a layer number means for the choice, e.g. "0 = patch embedding, i = output of block i".
    QString layerMeaning() const;
    /// The first layer to offer for the choice: the middle of `modelDepth` blocks, or layer 9 of a HuBERT folder (the
    /// official M2D-S teacher's layer of hubert-base-ls960).
    int suggestedLayer(int modelDepth) const;
    /// The highest layer a spin box offers for a HuBERT folder (its config.json is read by the job, which names the
    /// real range when the layer is outside it).
    static constexpr int kHubertLayerLimit = 48;

signals:
    /// The loaded model or the folder was chosen instead of the other (what a layer number means changed).
    void sourceChanged();
    /// The choice, the folder or whether the choice is ready changed.
    void changed();

private:
    QRadioButton* loaded_;
    QRadioButton* hubert_;
    PathPicker* folder_;
};

}  // namespace m2ds
