#include "model/hubert/HubertBatching.h"

#include "model/hubert/HubertConfig.h"
#include "model/hubert/HubertModel.h"

namespace m2ds {

BatchLimits hubertBatchLimits(const std::string& device, std::size_t requested) {
    const bool cuda = device.rfind("cuda", 0) == 0;
    const std::size_t items = requested > 0 ? requested : cuda ? kCudaHubertBatch : 1;
    return {items, items * static_cast<std::size_t>(kHubertBatchSecondsPerRecording * HubertConfig::kSampleRate)};
}

std::vector<std::vector<FloatArray>> hiddenStatesInBuckets(const HubertModel& model, std::vector<std::vector<float>> waves,
                                                           const std::vector<int>& layers, const BatchLimits& limits) {
    std::vector<std::size_t> lengths;
    for (const std::vector<float>& wave : waves) lengths.push_back(wave.size());
    std::vector<std::vector<FloatArray>> states(waves.size());
    for (const std::vector<std::size_t>& bucket : lengthBuckets(lengths, limits)) {
        std::vector<std::vector<float>> batch;
        for (const std::size_t i : bucket) batch.push_back(std::move(waves[i]));
        std::vector<std::vector<FloatArray>> out = model.hiddenStatesOfBatch(batch, layers);
        for (std::size_t b = 0; b < bucket.size(); ++b) states[bucket[b]] = std::move(out[b]);
    }
    return states;
}

}  // namespace m2ds
