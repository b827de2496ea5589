#pragma once
#include <mutex>
#include <string>

#include "common/LengthBuckets.h"
#include "data/teachers/TeacherFeatures.h"
#include "model/hubert/HubertModel.h"

namespace m2ds {

/// The official M2D-S teacher (spec 3.1, speech/extract_offline_ls960.py): the wave as prepared (zero-padded to 7 s)
/// normalised by Wav2Vec2Processor's rule, through a HuBERT / wav2vec 2.0 encoder, hidden_states[layer] kept.
class HubertTeacher : public TeacherFeatures {
public:
    /// layer: HF hidden_states index (0 = transformer input, i = layer i; official: 9). label names the model folder
    /// in kind(). batching: how computeBatch() groups the padded waves (samples). Throws InvalidArgument for a layer
    /// outside [0, model.stateCount()).
    HubertTeacher(HubertModel model, int layer, std::string label, BatchLimits batching = {});
    /// "hubert:<folder>:<layer>", followed by " (bfloat16)" for a model that computes in bfloat16.
    std::string kind() const override;
    /// [Th, hidden] float32 at 50 Hz, Th = the encoder's frames of the padded wave; model calls are serialised.
    FloatArray compute(const TeacherInput& input) const override;
    /// Length-bucketed padded batches within the batching limits; each result equals compute() up to float rounding.
    std::vector<FloatArray> computeBatch(const std::vector<TeacherInput>& inputs) const override;
    std::size_t batchSize() const override;

private:
    HubertModel model_;
    int layer_;
    std::string label_;
    BatchLimits batching_;
    mutable std::mutex mutex_;
};

}  // namespace m2ds
