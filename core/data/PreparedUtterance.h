#pragma once
#include <cstddef>
#include <string>

#include "common/FloatArray.h"

namespace m2ds {

/// One training item in the official M2D-S layout (spec 3.1): the log-mel of the (padded) wave and, for speech,
/// the teacher's features at 50 Hz.
struct PreparedUtterance {
    FloatArray logMel;                    ///< [mel, T] float32 raw log-mel (not normalised)
    FloatArray teacher;                   ///< [Th, D] float32 teacher features; empty when there is no teacher
    std::size_t validTeacherFrames = 0;   ///< org_hidden_len: teacher frames covering the unpadded audio

    bool hasTeacher() const { return !teacher.values.empty(); }
    std::size_t frames() const { return logMel.shape.empty() ? 0 : logMel.shape.back(); }
    std::size_t teacherDim() const { return teacher.shape.size() == 2 ? teacher.shape[1] : 0; }
};

/// Reads and writes prepared items: official `.npz` (`arr_0` LMS [1, mel, T], `arr_1` features [1, Th, D],
/// `arr_2` valid length) and plain `.npy` log-mels ([1, mel, T] or [mel, T], noise sets such as AudioSet's).
namespace PreparedUtteranceFile {
/// Throws InputError naming the file and the array that is missing or has the wrong rank.
PreparedUtterance read(const std::string& path);
/// .npz with arr_0/arr_1/arr_2 (arr_1 left out without a teacher), or .npy [1, mel, T] of the log-mel; atomic.
void write(const std::string& path, const PreparedUtterance& utterance);
}  // namespace PreparedUtteranceFile

}  // namespace m2ds
