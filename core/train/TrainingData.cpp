#include "train/TrainingData.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "common/Sha256.h"
#include "data/CorpusPreparer.h"
#include "data/DataSourceList.h"
#include "data/teachers/TeacherFactory.h"
#include "train/RankCoordination.h"

namespace m2ds {
namespace {

namespace fs = std::filesystem;

bool allAudio(const std::vector<std::string>& files) {
    return std::all_of(files.begin(), files.end(), DataSourceList::isAudioPath);
}

void waitForAnnouncement(RankCoordination& coordination, const std::string& key, const ProgressMonitor& monitor) {
    while (!coordination.announced(key)) {
        monitor.report(0.0);  // throws CancelledError once a stop was requested
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

}  // namespace

TrainingData::TrainingData(const TrainConfig& config, const std::vector<ModelConfig>& presets, RankCoordination* coordination,
                           const ProgressMonitor& monitor, const std::function<void(const std::string&)>& say) {
    speech_ = std::make_unique<PreparedCorpus>(prepared(config.speech, true, config, presets, coordination, monitor.slice(0.0, 0.8), say));
    if (!config.noise.empty())
        noise_ = std::make_unique<PreparedCorpus>(prepared(config.noise, false, config, presets, coordination, monitor.slice(0.8, 1.0), say),
                                                  80, std::size_t{1} << 30, /*teachers=*/false);
    teacherDim_ = static_cast<int>(speech_->load(0)->teacherDim());
}

std::vector<std::string> TrainingData::prepared(const std::string& source, bool speech, const TrainConfig& config,
                                                const std::vector<ModelConfig>& presets, RankCoordination* coordination,
                                                const ProgressMonitor& monitor, const std::function<void(const std::string&)>& say) {
    const std::vector<std::string> files = DataSourceList::resolve(source);
    const std::string set = speech ? "speech" : "noise";
    if (!allAudio(files)) {
        if (std::any_of(files.begin(), files.end(), DataSourceList::isAudioPath))
            throw InputError(source, "mixes audio and prepared (.npz/.npy) files; give one kind per source");
        if (speech) teacherKind_ = CorpusPreparer::teacherOf(source);
        say(set + ": " + std::to_string(files.size()) + " prepared files from " + source + (speech ? " (teacher " + teacherKind_ + ")" : ""));
        return files;
    }
    const std::string teacherSpec = speech ? config.teacher : "none";
    const std::string descriptor = fs::absolute(source).string() + "|" + teacherSpec + "|" + std::to_string(config.padSeconds) + "|" +
                                   std::to_string(config.mfccCoefficients);
    const std::string folder = (fs::path(config.outputDir) / "prepared" / (set + "-" + sha256(descriptor).substr(0, 12))).string();
    const std::string list = (fs::path(folder) / "files.csv").string();
    if (speech) teacherKind_ = teacherSpec;
    const std::string key = "prepared:" + folder;
    if (coordination && !coordination->isLeader()) {
        say(set + ": waiting for rank 0 to prepare " + folder);
        waitForAnnouncement(*coordination, key, monitor);
        return DataSourceList::resolve(list);
    }
    const auto teacher = speech ? makeTeacher(teacherSpec, config.mfccCoefficients, presets, TeacherRuntime{config.device}) : nullptr;
    if (speech) teacherKind_ = teacher ? teacher->kind() : "none";
    PreparationSettings settings;
    settings.speech = speech;
    settings.padSeconds = config.padSeconds;
    settings.threads = std::max(1, config.workers);
    say(set + ": preparing " + std::to_string(files.size()) + " recordings into " + folder);
    const PreparedSet result = CorpusPreparer(FrontEndConfig{}, teacher.get(), settings).prepare(files, folder, monitor);
    say(set + ": " + std::to_string(result.files.size()) + " ready (" + std::to_string(result.reused) + " reused, " +
        std::to_string(result.skipped.size()) + " skipped" + (result.skipped.empty() ? "" : ": see " + folder + "/skipped.txt") + ")");
    if (coordination) coordination->announce(key);
    return result.files;
}

}  // namespace m2ds
