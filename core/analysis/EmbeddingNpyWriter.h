#pragma once
#include <string>
#include <vector>

#include "analysis/EmbeddingWriter.h"
#include "analysis/RowSpool.h"

namespace m2ds {

/// NPY + index CSV (design.md). Frame level: the frames of every recording one after the other on the time axis,
/// float32 [L, T, D] (T = all recordings' frames; [T, D] for one layer), each layer spooled to disk as it comes (an
/// hour of audio never sits in memory). Clip level: [F, L, D'] ([F, D'] for one layer), F recordings in order. The
/// index `<path>.index.csv` (`row,file,layer,frame,start_ms,end_ms`) names each row of the array seen as
/// `reshape(-1, D)`; clip rows have frame −1. Both files and the sidecar `<path>.json` appear on finish().
class EmbeddingNpyWriter : public EmbeddingWriter {
public:
    EmbeddingNpyWriter(const std::string& path, std::size_t dim, const EmbeddingExportOptions& options);
    ~EmbeddingNpyWriter() override;
    std::string sidecarPath() const override { return path_ + ".json"; }
    /// Where the index goes: `<path>.index.csv`.
    std::string indexPath() const { return path_ + ".index.csv"; }

private:
    struct WrittenRecording {
        std::string file;
        std::size_t frames;
    };

    void writeFrames(std::size_t layerIndex, std::size_t firstFrame, const FloatArray& rows) override;
    void writeClip(std::size_t layerIndex, const std::vector<float>& values) override;
    void recordingEnded() override;
    void commitFiles() override;
    void commitArray();
    void commitIndex();

    std::string path_;
    std::vector<RowSpool> spools_;  ///< frame level: one per layer
    std::vector<float> clipRows_;   ///< clip level: [F, L, D'] as they come
    std::vector<WrittenRecording> recordings_;
};

}  // namespace m2ds
