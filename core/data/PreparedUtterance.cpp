#include "data/PreparedUtterance.h"

#include "common/Errors.h"
#include "common/NpyFile.h"
#include "common/NpzFile.h"
#include "common/TextUtilities.h"

namespace m2ds {
namespace {

// A prepared item is one utterance: 512 MiB is hours of log-mel, far beyond any training crop source.
constexpr std::uint64_t kMaxPreparedBytes = std::uint64_t{1} << 29;

/// Drops a leading batch dimension of 1: [1, a, b] → [a, b].
FloatArray withoutBatch(const std::string& path, const std::string& name, FloatArray array) {
    if (array.shape.size() == 3 && array.shape[0] == 1) array.shape.erase(array.shape.begin());
    if (array.shape.size() != 2)
        throw InputError(path, name + " must be [1, a, b] or [a, b], found rank " + std::to_string(array.shape.size()));
    return array;
}

PreparedUtterance readNpz(const std::string& path) {
    const auto arrays = NpzFile::read(path, kMaxPreparedBytes);
    const FloatArray* logMel = NpzFile::find(arrays, "arr_0");
    if (!logMel) throw InputError(path, "has no arr_0 (the log-mel of the official M2D-S layout)");
    PreparedUtterance utterance;
    utterance.logMel = withoutBatch(path, "arr_0", *logMel);
    utterance.validTeacherFrames = utterance.frames() / 2;
    if (const FloatArray* teacher = NpzFile::find(arrays, "arr_1")) {
        utterance.teacher = withoutBatch(path, "arr_1", *teacher);
        utterance.validTeacherFrames = utterance.teacher.shape[0];
    }
    if (const FloatArray* valid = NpzFile::find(arrays, "arr_2")) {
        if (valid->values.size() != 1) throw InputError(path, "arr_2 (valid length) must be a single number");
        const float frames = valid->values[0];
        if (!(frames >= 0.0f && frames <= static_cast<float>(utterance.frames())))
            throw InputError(path, "arr_2 (valid length) is " + std::to_string(frames) + ", outside 0 to the " +
                                       std::to_string(utterance.frames()) + " log-mel frames");
        utterance.validTeacherFrames = static_cast<std::size_t>(frames);
    }
    return utterance;
}

}  // namespace

PreparedUtterance PreparedUtteranceFile::read(const std::string& path) {
    if (endsWith(path, ".npz")) return readNpz(path);
    PreparedUtterance utterance;
    utterance.logMel = withoutBatch(path, "log-mel", NpyFile::readFloat32(path));
    utterance.validTeacherFrames = utterance.frames() / 2;
    return utterance;
}

void PreparedUtteranceFile::write(const std::string& path, const PreparedUtterance& utterance) {
    FloatArray logMel = utterance.logMel;
    logMel.shape.insert(logMel.shape.begin(), 1);
    if (endsWith(path, ".npy")) return NpyFile::writeFloat32(path, logMel.shape, logMel.values.data());
    std::vector<std::pair<std::string, std::string>> members{{"arr_0", NpyFile::encode(logMel.shape, logMel.values.data())}};
    if (utterance.hasTeacher()) {
        FloatArray teacher = utterance.teacher;
        teacher.shape.insert(teacher.shape.begin(), 1);
        members.emplace_back("arr_1", NpyFile::encode(teacher.shape, teacher.values.data()));
    }
    members.emplace_back("arr_2", NpyFile::encodeInt64Scalar(static_cast<std::int64_t>(utterance.validTeacherFrames)));  // an int, as numpy saves it
    NpzFile::writeEncoded(path, members);
}

}  // namespace m2ds
