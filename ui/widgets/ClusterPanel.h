#pragma once
#include <QWidget>

#include "views/ClusterTiers.h"

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace m2ds {

class EncoderChoice;

/// The Clusters dock: learn a codebook from the open recordings (a layer of the loaded model or of a HuBERT / wav2vec
/// 2.0 folder, k, seed) or load someone's centroids, follow the job, and the list of clusters (frames, share, mean
/// duration) where choosing one highlights its segments and plays them one after another.
class ClusterPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClusterPanel(QWidget* parent = nullptr);

    /// The loaded model (its name, layers 0..depth); name empty: none, and only a HuBERT folder can be clustered.
    void setLoadedModel(const QString& name, int depth);
    /// The job runs (fraction in [0, 1]) or ended (fraction < 0).
    void showProgress(double fraction);
    void showError(const QString& message);
    /// New assignments: fills the cluster list.
    void showTiers(const ClusterTiersPtr& tiers);

    /// The HuBERT / wav2vec 2.0 folder whose features are clustered; empty: the loaded model's.
    QString hubertFolder() const;
    int layer() const;
    int clusterCount() const;
    unsigned seed() const;
    /// The cluster chosen in the list, or -1.
    int chosenCluster() const;

signals:
    /// Learn a codebook of clusterCount() clusters on layer() (of hubertFolder() when set) of the open recordings.
    void learnRequested();
    /// Assign with the centroids in `path` (.npy [K, D]).
    void centroidsChosen(const QString& path);
    void cancelRequested();
    /// A cluster was chosen in the list (-1: none).
    void clusterChosen(int id);
    /// Play the chosen cluster's segments one after another.
    void playClusterRequested(int id);

private:
    void chooseCentroidsFile();
    /// What a layer number means changed (the source, the folder or the model): the layer range, help and first value, the hint.
    void showLayers();
    /// The buttons for the encoder choice and whether a job runs.
    void updateButtons();

    EncoderChoice* encoder_;
    QSpinBox* layer_;
    QSpinBox* clusters_;
    QSpinBox* seed_;
    QPushButton* learn_;
    QPushButton* load_;
    QPushButton* cancel_;
    QPushButton* play_;
    QLabel* status_;
    QTableWidget* table_;
    int depth_ = -1;
    bool running_ = false;
};

}  // namespace m2ds
