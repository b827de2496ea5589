#pragma once
// What the Probe page draws of a probe study: per model the accuracy of a linear probe on every layer, the log-mel
// baseline, the weighted-sum layer weights, the similarity (linear CKA) between layers, and a 2-D projection of the
// best layer's embeddings. Plain values, no core types.
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace m2ds {

/// A cross-validated score: the mean and the standard deviation over folds (fractions in [0, 1]).
struct ProbeScoreValue {
    double accuracy = 0.0;
    double accuracyStd = 0.0;
    double f1 = 0.0;     ///< macro-F1
    double f1Std = 0.0;
};

/// One layer of one model on the probe's folds.
struct ProbeLayerPoint {
    int layer = 0;  ///< the model's layer index (0 = patch embedding / transformer input)
    ProbeScoreValue score;
};

/// The probes of one model: its layer curve and the learned weighted sum of its layers.
struct ProbeModelCurve {
    QString name;        ///< what the legend shows (the checkpoint's file or folder name)
    QString checkpoint;  ///< path as given
    std::vector<ProbeLayerPoint> layers;         ///< in layer order
    std::vector<double> weightedSumWeights;      ///< softmax weights, one per entry of layers (sum 1)
    ProbeScoreValue weightedSum;
    int bestLayer = 0;   ///< the layer with the highest mean accuracy
};

/// Linear CKA between the layers of two models (or one model with itself): values in [0, 1].
struct ProbeSimilarity {
    QString rowModel;
    QString columnModel;
    std::vector<int> rowLayers;
    std::vector<int> columnLayers;
    std::vector<double> values;  ///< [rowLayers.size(), columnLayers.size()] row-major
    bool empty() const { return values.empty(); }
};

/// One example in the 2-D projection: a recording (clip level, frame = -1) or one of its frames.
struct ProbePoint {
    double x = 0.0;
    double y = 0.0;
    int label = 0;   ///< index into ProbeResultsData::labelNames
    QString file;
    int frame = -1;
};

/// The first two principal components of one layer's embeddings.
struct ProbeProjection {
    QString model;
    int layer = 0;
    double explained[2] = {0.0, 0.0};  ///< share of the total variance along each axis
    double frameSeconds = 0.02;        ///< seconds per frame, to turn a frame index into a time
    std::vector<ProbePoint> points;
};

/// A probe study's results for the Probe page.
struct ProbeResultsData {
    QStringList labelNames;
    std::vector<int> labelCounts;  ///< examples per label
    int folds = 0;
    QString foldKind;              ///< "stratified" or "group"
    QString level;                 ///< "clip" or "frame"
    QString pooling;               ///< e.g. "mean"
    int rows = 0;                  ///< examples probed
    QStringList skipped;           ///< "FILE: reason" for every recording left out
    ProbeScoreValue baseline;      ///< log-mel mean+std probed on the same folds
    std::vector<ProbeModelCurve> models;
    ProbeSimilarity similarity;
    ProbeProjection projection;
};

using ProbeResultsDataPtr = std::shared_ptr<const ProbeResultsData>;

/// What a probe run would cost: the labelled set's recordings, how many already have embeddings in the cache, and
/// what the missing ones need.
struct ProbeEstimateData {
    int recordings = 0;
    int cached = 0;             ///< recordings cached for every model and the baseline
    double bytes = 0.0;         ///< disk the missing embeddings will take
    double audioSeconds = 0.0;  ///< audio still to run through the models, summed over the models
    QStringList labelNames;
};

}  // namespace m2ds
