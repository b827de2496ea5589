#include "data/teachers/NpyFileTeacher.h"

#include <filesystem>

#include "common/Errors.h"
#include "common/NpyFile.h"

namespace m2ds {

NpyFileTeacher::NpyFileTeacher(std::string folder) : folder_(std::move(folder)) {}

FloatArray NpyFileTeacher::compute(const TeacherInput& input) const {
    namespace fs = std::filesystem;
    const fs::path recording(input.recordingPath);
    const fs::path features = (folder_.empty() ? recording.parent_path() : fs::path(folder_)) / (recording.stem().string() + ".npy");
    if (!fs::exists(features)) throw InputError(input.recordingPath, "no teacher features at " + features.string());
    FloatArray array = NpyFile::readFloat32(features.string());
    if (array.shape.size() == 3 && array.shape[0] == 1) array.shape.erase(array.shape.begin());
    if (array.shape.size() != 2) throw InputError(features.string(), "teacher features must be [frames, D] or [1, frames, D]");
    return array;
}

}  // namespace m2ds
