#pragma once
#include <QWidget>

#include "session/HubertFolderInfo.h"

class QLabel;
class QRadioButton;

namespace m2ds {

class PathPicker;

/// Which encoder a form reads layers of: the model loaded in the workbench, or a Hugging Face HuBERT / wav2vec 2.0
/// folder (config.json + model.safetensors or pytorch_model.bin). A folder's config.json is read when it is named (not
/// its weights): a line under the picker gives its geometry, or why it is not a model, and the layers it has bound the
/// layer range. It also words what a layer number means for the choice, so that the Clusters dock and File ▸ Export
/// Embeddings… say it the same way.
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
    /// Chooses `folder` (and reads its config.json); empty: the loaded model when there is one.
    void setHubertFolder(const QString& folder);
    /// True when the choice can be used: a loaded model chosen, or a folder chosen whose config.json and weights file are
    /// there and whose geometry is supported.
    bool isReady() const;
    /// The line under the folder picker: the folder's geometry, or why it is not a model (empty: no folder named).
    QString folderMessage() const;
    /// What a layer number means for the choice, e.g. "0 = patch embedding, i = output of block i".
    QString layerMeaning() const;
    /// The highest layer the choice has: `modelDepth` blocks of the loaded model, or num_hidden_layers of the folder
    /// (0 while no usable folder is named).
    int highestLayer(int modelDepth) const;
    /// The first layer to offer for the choice: the middle of `modelDepth` blocks, or layer 9 of a HuBERT folder (the
    /// official M2D-S teacher's layer of hubert-base-ls960), its last layer when it has fewer.
    int suggestedLayer(int modelDepth) const;

signals:
    /// What a layer number means changed: the loaded model or the folder was chosen instead of the other, or another
    /// folder was named (its layers).
    void sourceChanged();
    /// The choice, the folder or whether the choice is ready changed.
    void changed();

private:
    /// Reads the named folder's config.json and shows the line about it.
    void readFolder(const QString& path);

    QRadioButton* loaded_;
    QRadioButton* hubert_;
    PathPicker* folder_;
    QLabel* folderStatus_;
    HubertFolderInfo folderInfo_;
};

}  // namespace m2ds
