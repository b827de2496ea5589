#include "data/PreparedCorpus.h"

#include "common/Errors.h"

namespace m2ds {

PreparedCorpus::PreparedCorpus(std::vector<std::string> files, std::size_t melCount, std::size_t cacheBudgetBytes, bool teachers)
    : files_(std::move(files)), melCount_(melCount), budget_(cacheBudgetBytes), teachers_(teachers), cache_(files_.size()) {}

void PreparedCorpus::checkShapes(std::size_t index, const PreparedUtterance& utterance) const {
    if (utterance.logMel.shape[0] != melCount_ || utterance.frames() == 0)
        throw InputError(files_[index], "log-mel is [" + std::to_string(utterance.logMel.shape[0]) + ", " + std::to_string(utterance.frames()) +
                                            "], training needs " + std::to_string(melCount_) + " mel bands and at least one frame");
    if (!teachers_) return;
    std::call_once(firstTeacherRead_, [&] {
        firstTeacherDim_ = index == 0 ? utterance.teacherDim() : PreparedUtteranceFile::read(files_[0]).teacherDim();
    });
    if (utterance.teacherDim() != firstTeacherDim_)
        throw InputError(files_[index], "teacher features (arr_1) are " + std::to_string(utterance.teacherDim()) + " wide, those of the set's first file " +
                                            files_[0] + " " + std::to_string(firstTeacherDim_) + "; every file needs the same teacher");
}

std::shared_ptr<const PreparedUtterance> PreparedCorpus::load(std::size_t index) const {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (cache_.at(index)) return cache_[index];
    }
    auto utterance = std::make_shared<const PreparedUtterance>(PreparedUtteranceFile::read(files_[index]));
    checkShapes(index, *utterance);
    const std::size_t bytes = (utterance->logMel.values.size() + utterance->teacher.values.size()) * sizeof(float);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!cache_[index] && cachedBytes_ + bytes <= budget_) {
        cache_[index] = utterance;
        cachedBytes_ += bytes;
    }
    return utterance;
}

}  // namespace m2ds
