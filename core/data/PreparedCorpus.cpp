#include "data/PreparedCorpus.h"

namespace m2ds {

PreparedCorpus::PreparedCorpus(std::vector<std::string> files, std::size_t cacheBudgetBytes)
    : files_(std::move(files)), budget_(cacheBudgetBytes), cache_(files_.size()) {}

std::shared_ptr<const PreparedUtterance> PreparedCorpus::load(std::size_t index) const {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (cache_.at(index)) return cache_[index];
    }
    auto utterance = std::make_shared<const PreparedUtterance>(PreparedUtteranceFile::read(files_[index]));
    const std::size_t bytes = (utterance->logMel.values.size() + utterance->teacher.values.size()) * sizeof(float);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!cache_[index] && cachedBytes_ + bytes <= budget_) {
        cache_[index] = utterance;
        cachedBytes_ += bytes;
    }
    return utterance;
}

}  // namespace m2ds
