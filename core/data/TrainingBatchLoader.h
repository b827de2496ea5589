#pragma once
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <utility>

#include "data/PreparedCorpus.h"
#include "data/SampleAssembler.h"
#include "data/TrainingBatch.h"

namespace m2ds {

/// Deterministic, multi-threaded batches: the contents of (epoch, step) depend only on the seed and the layout,
/// never on timing or worker count, so a resumed run continues with exactly the batches it would have seen.
class TrainingBatchLoader {
public:
    /// noise may be null. Throws InvalidArgument when the speech set is smaller than one global batch.
    TrainingBatchLoader(const PreparedCorpus& speech, const PreparedCorpus* noise, const SampleAssembler& assembler, const LoaderLayout& layout);
    ~TrainingBatchLoader();

    /// Data iterations per epoch: speech items / global batch (drop_last), down to whole accumulation cycles.
    std::size_t stepsPerEpoch() const;
    /// Continues from (epoch, step); batches prefetched for another position are dropped.
    void seek(std::size_t epoch, std::size_t step);
    /// The batch at the cursor (blocks until built), then advances; rethrows a worker's error (a bad file).
    TrainingBatch next();
    /// Builds batch (epoch, step) of this rank on the calling thread.
    TrainingBatch build(std::size_t epoch, std::size_t step) const;

private:
    std::size_t noiseIndex(std::size_t globalSample) const;
    void fill();

    const PreparedCorpus& speech_;
    const PreparedCorpus* noise_;
    const SampleAssembler& assembler_;
    LoaderLayout layout_;
    std::size_t queuedEpoch_ = 0, queuedStep_ = 0; ///< next batch to queue
    std::deque<std::future<TrainingBatch>> queue_;
    mutable std::mutex noiseMutex_;
    mutable std::pair<std::size_t, std::shared_ptr<const std::vector<std::size_t>>> noiseCycle_{~std::size_t{0}, nullptr};
};

}  // namespace m2ds
