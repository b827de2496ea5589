#pragma once
#include <memory>
#include <string>
#include <vector>

#include "analysis/ClipPooling.h"
#include "common/FloatArray.h"

namespace m2ds {

class AtomicFileWriter;

/// Embedding CSV (design.md): UTF-8, header `file,layer,frame,start_ms,end_ms,d0,…`, one row per
/// (recording, layer, frame); clip-level rows (mean over time) have frame -1. Written atomically on finish().
class EmbeddingCsvWriter {
public:
    /// dim: values per row; clipLevel: one mean row per (recording, layer) instead of frame rows.
    EmbeddingCsvWriter(const std::string& path, std::size_t dim, bool clipLevel);
    ~EmbeddingCsvWriter();

    /// Starts a recording; `label` goes in the file column (quoted when needed).
    void beginRecording(const std::string& label, const std::vector<int>& layers, double frameSeconds);
    /// Frames [firstFrame, firstFrame + rows) of each selected layer, [rows, dim] each.
    void addFrames(std::size_t firstFrame, const std::vector<FloatArray>& layers);
    /// Ends the recording (writes its clip rows when clip-level).
    void endRecording();
    /// Makes the file visible under its name; throws OutputError.
    void finish();

private:
    void writeRow(int layer, long frame, double startMs, double endMs, const float* values);

    std::unique_ptr<AtomicFileWriter> file_;
    std::size_t dim_;
    bool clipLevel_;
    std::string label_;
    std::vector<int> layers_;
    double frameSeconds_ = 0.0;
    std::size_t frames_ = 0;
    std::vector<ClipPooling> pools_;  ///< one per selected layer, clip level only
    std::string line_;
};

}  // namespace m2ds
