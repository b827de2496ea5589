#include "data/TrainingBatchLoader.h"

#include <algorithm>

#include "common/Errors.h"

namespace m2ds {
namespace {
enum Stream : std::uint64_t { kOrder = 11, kSample = 12, kNoise = 13 };
}

TrainingBatchLoader::TrainingBatchLoader(const PreparedCorpus& speech, const PreparedCorpus* noise, const SampleAssembler& assembler,
                                         const LoaderLayout& layout)
    : speech_(speech), noise_(noise && noise->size() > 0 ? noise : nullptr), assembler_(assembler), layout_(layout) {
    if (layout.batchPerRank == 0 || layout.worldSize < 1 || layout.rank < 0 || layout.rank >= layout.worldSize)
        throw InvalidArgument("invalid batch layout: batch " + std::to_string(layout.batchPerRank) + ", rank " +
                              std::to_string(layout.rank) + " of " + std::to_string(layout.worldSize));
    if (stepsPerEpoch() == 0)
        throw InvalidArgument("the speech set has " + std::to_string(speech.size()) + " items, fewer than one accumulation cycle of " +
                              std::to_string(layout.accumIter) + " global batches of " + std::to_string(layout.globalBatch()) +
                              " (batch_size × processes)");
}

TrainingBatchLoader::~TrainingBatchLoader() {
    for (auto& pending : queue_)
        if (pending.valid()) pending.wait();
}

std::size_t TrainingBatchLoader::stepsPerEpoch() const {
    const std::size_t accum = std::max<std::size_t>(1, layout_.accumIter);
    return speech_.size() / layout_.globalBatch() / accum * accum;
}

std::size_t TrainingBatchLoader::noiseIndex(std::size_t globalSample) const {
    // A shuffled permutation of the noise set, refilled when used up (spec 3.4); one permutation per cycle.
    const std::size_t count = noise_->size(), cycle = globalSample / count;
    std::shared_ptr<const std::vector<std::size_t>> order;
    {
        std::lock_guard<std::mutex> lock(noiseMutex_);
        if (noiseCycle_.first != cycle) {
            DeterministicRandom random({layout_.seed, kNoise, cycle});
            noiseCycle_ = {cycle, std::make_shared<const std::vector<std::size_t>>(random.permutation(count))};
        }
        order = noiseCycle_.second;
    }
    return (*order)[globalSample % count];
}

TrainingBatch TrainingBatchLoader::build(std::size_t epoch, std::size_t step) const {
    const SampleSettings& settings = assembler_.settings();
    TrainingBatch batch;
    batch.epoch = epoch;
    batch.step = step;
    batch.size = layout_.batchPerRank;
    batch.melCount = settings.melCount;
    batch.frames = settings.cropFrames;
    batch.teacherFrames = settings.teacherFrames();
    batch.inputs.reserve(batch.size * settings.melCount * settings.cropFrames);
    DeterministicRandom orderRandom({layout_.seed, kOrder, epoch});
    const auto order = orderRandom.permutation(speech_.size());
    const std::size_t first = step * layout_.globalBatch() + static_cast<std::size_t>(layout_.rank) * layout_.batchPerRank;
    for (std::size_t i = 0; i < batch.size; ++i) {
        const std::size_t position = first + i;
        const auto speech = speech_.load(order[position]);
        std::shared_ptr<const PreparedUtterance> noise;
        if (noise_) noise = noise_->load(noiseIndex(epoch * stepsPerEpoch() * layout_.globalBatch() + position));
        DeterministicRandom random({layout_.seed, kSample, epoch, position});
        TrainingSample sample = assembler_.assemble(*speech, noise.get(), random);
        if (i == 0) batch.teacherDim = speech->teacherDim();
        if (speech->teacherDim() != batch.teacherDim)
            throw InputError(speech_.path(order[position]), "teacher features are " + std::to_string(speech->teacherDim()) +
                                                                "-dimensional, other files have " + std::to_string(batch.teacherDim));
        batch.inputs.insert(batch.inputs.end(), sample.input.begin(), sample.input.end());
        batch.teacher.insert(batch.teacher.end(), sample.teacher.begin(), sample.teacher.end());
    }
    return batch;
}

void TrainingBatchLoader::fill() {
    while (queue_.size() < static_cast<std::size_t>(std::max(1, layout_.workers))) {
        queue_.push_back(std::async(std::launch::async, [this, epoch = queuedEpoch_, step = queuedStep_] { return build(epoch, step); }));
        if (++queuedStep_ >= stepsPerEpoch()) {
            queuedStep_ = 0;
            ++queuedEpoch_;
        }
    }
}

void TrainingBatchLoader::seek(std::size_t epoch, std::size_t step) {
    for (auto& pending : queue_)
        if (pending.valid()) pending.wait();
    queue_.clear();
    queuedEpoch_ = epoch;
    queuedStep_ = step;
}

TrainingBatch TrainingBatchLoader::next() {
    fill();
    auto pending = std::move(queue_.front());
    queue_.pop_front();
    TrainingBatch batch = pending.get();
    fill();
    return batch;
}

}  // namespace m2ds
