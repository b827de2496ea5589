#pragma once
// What the Train page's "Probe checkpoints" panel asks for: a run folder and the probe's settings in the Probe form's
// terms (ProbeRequest::extraModels is not used: the models are the run's checkpoints).
#include <QString>

#include "jobs/ProbeRequest.h"

namespace m2ds {

struct RunProbeRequest {
    QString runFolder;   ///< where the run saves its checkpoint-*.safetensors
    ProbeRequest probe;  ///< labelled set, layers, pooling, folds
};

/// True when both probe the same run with the same settings, so that scores of one hold for the other.
inline bool sameRunProbe(const RunProbeRequest& a, const RunProbeRequest& b) {
    return a.runFolder == b.runFolder && a.probe.labelSource == b.probe.labelSource && a.probe.pathPattern == b.probe.pathPattern &&
           a.probe.groupColumn == b.probe.groupColumn && a.probe.layers == b.probe.layers && a.probe.pooling == b.probe.pooling &&
           a.probe.folds == b.probe.folds;
}

}  // namespace m2ds
