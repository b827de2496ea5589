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

}  // namespace m2ds
