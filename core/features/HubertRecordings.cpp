#include "features/HubertRecordings.h"

#include <algorithm>
#include <optional>

#include "audio/WaveformLoader.h"
#include "common/Errors.h"
#include "model/hubert/HubertBatching.h"
#include "model/hubert/HubertConfig.h"
#include "model/hubert/HubertModel.h"
#include "model/hubert/TeacherNormalisation.h"

namespace m2ds {
std::vector<float> hubertInputOf(const std::string& path, const ProgressMonitor* monitor) {
    const ProgressMonitor decoding = monitor ? monitor->slice(0.0, 0.3) : ProgressMonitor();
    std::vector<float> wave = normaliseForHubert(WaveformLoader(HubertConfig::kSampleRate).load(path, &decoding).samples);
    if (monitor) monitor->throwIfCancelled();
    return wave;
}

void hiddenStatesOfRecordings(const HubertModel& model, const std::vector<std::string>& paths, const std::vector<int>& layers,
                              const BatchLimits& limits, const HubertRecordingsSink& sink,
                              const std::function<ProgressMonitor(std::size_t)>& monitorOf) {
    const std::size_t perPass = std::max<std::size_t>(1, limits.items);
    for (std::size_t first = 0; first < paths.size(); first += perPass) {
        const std::size_t end = std::min(paths.size(), first + perPass);
        std::size_t last = end;  // without an unusable handler: the group ends before the first unusable recording
        std::vector<ProgressMonitor> monitors;
        std::vector<std::vector<float>> waves;
        std::vector<std::optional<InputError>> unusable(end - first);
        for (std::size_t i = first; i < last; ++i) {
            monitors.push_back(monitorOf(i));
            try {
                waves.push_back(hubertInputOf(paths[i], &monitors.back()));
            } catch (const InputError& error) {
                unusable[i - first] = error;
                if (!sink.unusable) last = i;
            }
        }
        std::vector<std::vector<FloatArray>> states = hiddenStatesInBuckets(model, std::move(waves), layers, limits);
        for (std::size_t i = first, k = 0; i < last; ++i) {
            monitors[i - first].report(1.0);
            if (unusable[i - first]) sink.unusable(i, *unusable[i - first]);
            else sink.states(i, std::move(states[k++]));
        }
        if (last < end) throw *unusable[last - first];  // the ones before it were delivered
    }
}

}  // namespace m2ds
