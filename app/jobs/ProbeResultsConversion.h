#pragma once
// Core's probe report as the Probe page's plain values, and as the CSV table the page saves (app-internal: the ui
// sees only views/ProbeResultsData.h).
#include <QString>
#include <string>
#include <vector>

#include "views/ProbeResultsData.h"

namespace m2ds {

struct ProbeReport;

/// The report's labels, folds, baseline and per-model curves (names from the checkpoint paths); similarity and
/// projection are left empty.
ProbeResultsData probeResultsData(const ProbeReport& report);
/// A CKA matrix [rowLayers × columnLayers] row-major (NaN — a constant layer — drawn as 0) with its axes.
ProbeSimilarity probeSimilarity(const QString& rowModel, const QString& columnModel, const std::vector<int>& rowLayers,
                                const std::vector<int>& columnLayers, const std::vector<double>& values);
/// What the legend calls a checkpoint: its file name, with its folder for the official `checkpoint-N.pth` names.
QString probeModelName(const QString& path);
/// CSV `layer,model,accuracy,std,f1,f1_std`: a row per model and layer, then per model `weighted_sum`, then
/// `baseline` (model empty); model is the checkpoint as given; fractions with 6 decimals.
std::string probeReportCsv(const ProbeReport& report);

}  // namespace m2ds
