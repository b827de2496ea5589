#include "features/PreparedTeacherFeatures.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "data/PreparedUtterance.h"

namespace m2ds {
namespace {

/// Teacher frames per second of the official layout: one per two 10 ms log-mel frames.
constexpr double kTeacherFramesPerSecond = 50.0;

}  // namespace

PreparedTeacherFeatures::PreparedTeacherFeatures(const std::string& firstFile) {
    const PreparedUtterance first = PreparedUtteranceFile::read(firstFile);
    if (!first.hasTeacher())
        throw InputError(firstFile, "holds no teacher features (arr_1); prepare the corpus with a teacher");
    dimension_ = first.teacherDim();
}

std::size_t PreparedTeacherFeatures::dimension() const { return dimension_; }

double PreparedTeacherFeatures::framesPerSecond() const { return kTeacherFramesPerSecond; }

std::string PreparedTeacherFeatures::identity() const {
    return nlohmann::json{{"kind", "prepared_teacher"}, {"array", "arr_1[:arr_2]"}, {"dimension", dimension_}}.dump();
}

FloatArray PreparedTeacherFeatures::extract(const std::string& path, const ProgressMonitor* monitor) const {
    if (monitor) monitor->throwIfCancelled();
    PreparedUtterance utterance = PreparedUtteranceFile::read(path);
    FloatArray& teacher = utterance.teacher;
    if (!utterance.hasTeacher()) throw InputError(path, "holds no teacher features (arr_1)");
    if (utterance.teacherDim() != dimension_)
        throw InputError(path, "teacher features are " + std::to_string(utterance.teacherDim()) + "-dimensional, the first file's are " +
                                   std::to_string(dimension_));
    const std::size_t frames = std::min(teacher.shape[0], utterance.validTeacherFrames);
    teacher.values.resize(frames * dimension_);
    teacher.shape[0] = frames;
    if (monitor) monitor->report(1.0);
    return teacher;
}

}  // namespace m2ds
