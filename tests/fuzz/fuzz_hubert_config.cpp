// Fuzz target: a Hugging Face HuBERT / wav2vec 2.0 config.json (HubertConfig::fromJson and its validation), then the
// geometry the feature encoder derives from it.
#include "FuzzInput.h"
#include "model/hubert/HubertConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] {
        const m2ds::HubertConfig config = m2ds::HubertConfig::fromJson(m2ds::fuzz::bytes(data, size), m2ds::fuzz::kLabel);
        config.summary();
        config.receptiveField();
        config.hopSamples();
        config.frameCount(16000);
    });
    return 0;
}
