#include "data/CorpusPreparer.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "audio/WaveformLoader.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "data/PreparedUtterance.h"
#include "data/teachers/TeacherFeatures.h"

namespace m2ds {
namespace {

namespace fs = std::filesystem;
constexpr const char* kPreparedDescription = "prepared.json";
/// Recordings a batching teacher sees at once, in its batches: enough for its length buckets to pad little.
constexpr std::size_t kTeacherBatchesPerBlock = 8;

/// The deepest folder that contains every path, compared component by component (so /a/103 is not a prefix of /a/1034).
fs::path commonFolder(const std::vector<std::string>& paths) {
    fs::path common = fs::path(paths.front()).parent_path();
    for (const auto& path : paths) {
        const fs::path folder = fs::path(path).parent_path();
        const auto mismatch = std::mismatch(common.begin(), common.end(), folder.begin(), folder.end());
        fs::path shared;
        for (auto part = common.begin(); part != mismatch.first; ++part) shared /= *part;
        common = shared;
    }
    return common;
}

}  // namespace

std::string CorpusPreparer::descriptionJson() const {
    const nlohmann::ordered_json json{{"set", settings_.speech ? "speech" : "noise"},
                                      {"teacher", teacher_ && settings_.speech ? teacher_->kind() : "none"},
                                      {"pad_seconds", settings_.speech ? settings_.padSeconds : 0.0}};
    return json.dump(2) + "\n";
}

std::string CorpusPreparer::teacherOf(const std::string& source) {
    const fs::path folder = fs::is_directory(source) ? fs::path(source) : fs::path(source).parent_path();
    std::ifstream in(folder / kPreparedDescription);
    const auto json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    return json.is_object() && json.contains("teacher") && json["teacher"].is_string() ? json["teacher"].get<std::string>() : "npz";
}

CorpusPreparer::CorpusPreparer(const FrontEndConfig& frontEnd, const TeacherFeatures* teacher, const PreparationSettings& settings)
    : frontEnd_(frontEnd), teacher_(teacher), settings_(settings) {}

/// A recording read, padded and turned into a log-mel, waiting for its teacher features.
struct CorpusPreparer::LoadedRecording {
    std::vector<float> samples;  ///< 16 kHz, zero-padded to padSeconds for speech
    std::size_t originalSamples = 0;
    LogMelSpectrogram logMel;
};

/// What the threads preparing one shard share: the outcome, each recording's reason to be skipped, the progress.
struct CorpusPreparer::ShardTally {
    ShardTally(PreparationOutcome& shardOutcome, const ProgressMonitor& shardMonitor, std::size_t recordings, std::size_t size)
        : outcome(shardOutcome), monitor(shardMonitor), reasons(recordings), shardSize(size) {}
    /// Marks recording `index` usable and reports the shard's progress.
    void finish(std::size_t index) {
        outcome.usable[index] = 1;
        std::lock_guard<std::mutex> lock(mutex);  // one report at a time: the callback may draw a progress bar
        monitor.report(static_cast<double>(++done) / static_cast<double>(shardSize));
    }

    PreparationOutcome& outcome;
    const ProgressMonitor& monitor;
    std::vector<std::string> reasons;
    std::size_t shardSize;
    std::size_t done = 0;
    std::atomic<std::size_t> reused{0};
    std::mutex mutex;
};

CorpusPreparer::LoadedRecording CorpusPreparer::load(const std::string& recording) const {
    LoadedRecording loaded;
    loaded.samples = WaveformLoader(frontEnd_.config().sampleRate).load(recording).samples;
    loaded.originalSamples = loaded.samples.size();
    if (settings_.speech) {
        const auto padded = static_cast<std::size_t>(settings_.padSeconds * frontEnd_.config().sampleRate);
        if (loaded.samples.size() < padded) loaded.samples.resize(padded, 0.0f);
    }
    if (loaded.samples.size() < static_cast<std::size_t>(frontEnd_.config().minimumSamples()))
        throw InputError(recording, "too short for one log-mel frame");
    loaded.logMel = frontEnd_.compute(loaded.samples.data(), loaded.samples.size(), 1);
    return loaded;
}

void CorpusPreparer::prepareOne(const std::string& recording, const std::string& target) const {
    const LoadedRecording loaded = load(recording);
    write(loaded, teacher_ && settings_.speech ? teacher_->compute({recording, loaded.samples, loaded.logMel}) : FloatArray{}, target);
}

void CorpusPreparer::write(const LoadedRecording& loaded, FloatArray teacherFeatures, const std::string& target) const {
    const LogMelSpectrogram& logMel = loaded.logMel;
    PreparedUtterance utterance;
    utterance.logMel = FloatArray{{static_cast<std::size_t>(logMel.melCount), logMel.frameCount}, logMel.values};
    const std::size_t teacherFrames = teacherFeatures.shape.empty() ? logMel.frameCount / 2 : teacherFeatures.shape[0];
    utterance.teacher = std::move(teacherFeatures);
    utterance.validTeacherFrames = teacherFrames * loaded.originalSamples / loaded.samples.size();  // org_hidden_len (spec 3.1)
    std::error_code folderError;
    fs::create_directories(fs::path(target).parent_path(), folderError);
    if (folderError) throw OutputError(fs::path(target).parent_path().string(), "cannot create the folder: " + folderError.message());
    PreparedUtteranceFile::write(target, utterance);
}

std::pair<std::size_t, std::size_t> PreparationShard::rangeOf(std::size_t recordings) const {
    const auto world = static_cast<std::size_t>(std::max(1, count)), self = static_cast<std::size_t>(rank);
    return {recordings * self / world, recordings * (self + 1) / world};
}

std::vector<std::string> CorpusPreparer::targetsOf(const std::vector<std::string>& recordings, const std::string& output) const {
    const fs::path root = commonFolder(recordings);
    std::vector<std::string> targets;
    for (const auto& recording : recordings)
        targets.push_back((fs::path(output) / fs::path(recording).lexically_relative(root)).replace_extension(settings_.speech ? ".npz" : ".npy").string());
    return targets;
}

PreparedSet CorpusPreparer::prepare(const std::vector<std::string>& recordings, const std::string& output, const ProgressMonitor& monitor) const {
    return writeList(recordings, output, prepareShard(recordings, output, PreparationShard{}, monitor));
}

PreparationOutcome CorpusPreparer::prepareShard(const std::vector<std::string>& recordings, const std::string& output,
                                                const PreparationShard& shard, const ProgressMonitor& monitor) const {
    if (recordings.empty()) throw InputError(output, "nothing to prepare");
    std::error_code folderError;
    fs::create_directories(output, folderError);
    if (folderError) throw OutputError(output, folderError.message());
    const std::vector<std::string> targets = targetsOf(recordings, output);
    const auto [first, end] = shard.rangeOf(recordings.size());
    PreparationOutcome outcome;
    outcome.usable.assign(recordings.size(), 0);
    ShardTally tally(outcome, monitor, recordings.size(), end - first);
    if (teacher_ && settings_.speech && teacher_->batchSize() > 1) {
        prepareInTeacherBatches(recordings, targets, first, end, tally);
    } else {
        forEachRecording(first, end, tally, [&](std::size_t i) {
            monitor.throwIfCancelled();
            if (fs::exists(targets[i])) ++tally.reused;
            else prepareOne(recordings[i], targets[i]);
            tally.finish(i);
        });
    }
    for (const auto& reason : tally.reasons)
        if (!reason.empty()) outcome.skipped.push_back(reason);
    outcome.reused = tally.reused;
    return outcome;
}

void CorpusPreparer::prepareInTeacherBatches(const std::vector<std::string>& recordings, const std::vector<std::string>& targets,
                                             std::size_t first, std::size_t end, ShardTally& tally) const {
    const std::size_t block = teacher_->batchSize() * kTeacherBatchesPerBlock;  // the teacher buckets by length within a block
    for (std::size_t start = first; start < end; start += block) {
        const std::size_t stop = std::min(end, start + block);
        std::vector<std::optional<LoadedRecording>> loaded(stop - start);
        forEachRecording(start, stop, tally, [&](std::size_t i) {
            tally.monitor.throwIfCancelled();
            if (!fs::exists(targets[i])) loaded[i - start] = load(recordings[i]);
            else {
                ++tally.reused;
                tally.finish(i);
            }
        });
        std::vector<TeacherInput> inputs;
        std::vector<std::size_t> featureSlot(stop - start, 0);
        for (std::size_t k = 0; k < loaded.size(); ++k)
            if (loaded[k]) {
                featureSlot[k] = inputs.size();
                inputs.push_back({recordings[start + k], loaded[k]->samples, loaded[k]->logMel});
            }
        tally.monitor.throwIfCancelled();
        std::vector<FloatArray> features = teacher_->computeBatch(inputs);
        forEachRecording(start, stop, tally, [&](std::size_t i) {
            if (!loaded[i - start]) return;
            write(*loaded[i - start], std::move(features[featureSlot[i - start]]), targets[i]);
            tally.finish(i);
        });
    }
}

void CorpusPreparer::forEachRecording(std::size_t first, std::size_t end, ShardTally& tally, const std::function<void(std::size_t)>& task) const {
    std::atomic<std::size_t> next{first};
    std::mutex mutex;
    std::exception_ptr failure;
    auto work = [&] {
        for (std::size_t i; (i = next++) < end;) {
            try {
                task(i);
            } catch (const InputError& error) {
                tally.reasons[i] = error.what();
            } catch (...) {  // cancellation (thrown by report) or a real failure: stop every worker, rethrow once
                std::lock_guard<std::mutex> lock(mutex);
                if (!failure) failure = std::current_exception();
                next = end;
            }
        }
    };
    std::vector<std::thread> workers;
    for (int t = 0; t < std::max(1, settings_.threads); ++t) workers.emplace_back(work);
    for (auto& worker : workers) worker.join();
    if (failure) std::rethrow_exception(failure);
}

PreparedSet CorpusPreparer::writeList(const std::vector<std::string>& recordings, const std::string& output, const PreparationOutcome& outcome) const {
    const std::vector<std::string> targets = targetsOf(recordings, output);
    PreparedSet result;
    std::string csv = "file_name\n", skipped;
    for (std::size_t i = 0; i < recordings.size(); ++i)
        if (outcome.usable[i]) {
            result.files.push_back(targets[i]);
            csv += fs::path(targets[i]).lexically_relative(output).string() + "\n";
        }
    for (const auto& line : outcome.skipped) skipped += line + "\n";
    AtomicFileWriter::writeFile((fs::path(output) / kPreparedDescription).string(), descriptionJson());
    AtomicFileWriter::writeFile((fs::path(output) / "files.csv").string(), csv);
    if (!skipped.empty()) AtomicFileWriter::writeFile((fs::path(output) / "skipped.txt").string(), skipped);
    result.skipped = outcome.skipped;
    result.reused = outcome.reused;
    if (result.files.empty())
        throw InputError(output, "none of the " + std::to_string(recordings.size()) + " recordings could be prepared; the first: " +
                                     result.skipped.front() + " (all in skipped.txt)");
    return result;
}

}  // namespace m2ds
