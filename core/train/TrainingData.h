#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "data/PreparedCorpus.h"
#include "model/ModelConfig.h"
#include "train/TrainConfig.h"

namespace m2ds {

class ProgressMonitor;
class RankCoordination;

/// The speech and noise sets of a run, ready to stream: prepared files are used as they are; audio sources are
/// prepared once (log-mels + teacher targets) into `<output_dir>/prepared/<set>-<hash>/` by rank 0 while the other
/// ranks wait for its announcement through the job's store, and reused by later runs with the same source and teacher.
class TrainingData {
public:
    /// coordination: the job's processes (null: a single process). say: one human-readable line per stage.
    /// Throws InputError for unusable sources, InvalidArgument for a bad teacher.
    TrainingData(const TrainConfig& config, const std::vector<ModelConfig>& presets, RankCoordination* coordination,
                 const ProgressMonitor& monitor, const std::function<void(const std::string&)>& say);
    const PreparedCorpus& speech() const { return *speech_; }
    /// Null without a noise source.
    const PreparedCorpus* noise() const { return noise_.get(); }
    /// "mfcc40", "npz" (targets inside the user's .npz), "model:…", "none".
    const std::string& teacherKind() const { return teacherKind_; }
    /// Width of the teacher features (the offline head's output); 0 without targets.
    int teacherDim() const { return teacherDim_; }

private:
    std::vector<std::string> prepared(const std::string& source, bool speech, const TrainConfig& config, const std::vector<ModelConfig>& presets,
                                      RankCoordination* coordination, const ProgressMonitor& monitor,
                                      const std::function<void(const std::string&)>& say);

    std::unique_ptr<PreparedCorpus> speech_, noise_;
    std::string teacherKind_ = "npz";
    int teacherDim_ = 0;
};

}  // namespace m2ds
