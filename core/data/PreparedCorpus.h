#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "data/PreparedUtterance.h"

namespace m2ds {

/// The prepared files of one set (speech or noise), read on demand and kept in memory while they fit a budget,
/// so a small corpus is read from disk once and a LibriSpeech-sized one streams. Thread-safe.
class PreparedCorpus {
public:
    /// files: .npz / .npy paths in a fixed order; melCount: the log-mel height every file must have;
    /// cacheBudgetBytes: how much decoded data to keep; teachers: the items' teacher features are used (speech), so
    /// every item must have them as wide as the first file's.
    explicit PreparedCorpus(std::vector<std::string> files, std::size_t melCount = 80, std::size_t cacheBudgetBytes = std::size_t{1} << 30,
                            bool teachers = true);
    std::size_t size() const { return files_.size(); }
    const std::string& path(std::size_t index) const { return files_.at(index); }
    /// Item `index`; throws InputError naming the file when it cannot be read, has another mel count or no frames, or
    /// (with teachers) teacher features of another width than the first file's.
    std::shared_ptr<const PreparedUtterance> load(std::size_t index) const;

private:
    void checkShapes(std::size_t index, const PreparedUtterance& utterance) const;

    std::vector<std::string> files_;
    std::size_t melCount_;
    std::size_t budget_;
    bool teachers_;
    mutable std::once_flag firstTeacherRead_;
    mutable std::size_t firstTeacherDim_ = 0;
    mutable std::mutex mutex_;
    mutable std::size_t cachedBytes_ = 0;
    mutable std::vector<std::shared_ptr<const PreparedUtterance>> cache_;
};

}  // namespace m2ds
