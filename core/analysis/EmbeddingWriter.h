#pragma once
#include <memory>
#include <string>
#include <vector>

#include "analysis/ClipPooling.h"
#include "analysis/EmbeddingExportOptions.h"
#include "analysis/EmbeddingSidecar.h"
#include "common/FloatArray.h"

namespace m2ds {

/// Where embeddings go, one recording after the other, in one of the export formats (design.md), plus the provenance
/// sidecar. Frame rows pass straight to the format; at clip level one ClipPooling per layer makes a row per
/// (recording, layer). Every recording of one export has the same layers and frame period. Nothing is visible under
/// the output's names before finish().
class EmbeddingWriter {
public:
    /// The writer of `options.format`: EmbeddingCsvWriter (path = the .csv), EmbeddingNpyWriter (the .npy and its
    /// index) or EmbeddingProjectorWriter (path = the folder). dim: values per frame of each layer.
    static std::unique_ptr<EmbeddingWriter> create(const std::string& path, std::size_t dim, const EmbeddingExportOptions& options);
    virtual ~EmbeddingWriter();

    /// Starts a recording. `file` names it in the file column; `label` is its class for formats that carry one (the
    /// projector's metadata; "" = unlabelled); `layers` the selected layers in the order addFrames gives them;
    /// frameSeconds: seconds per embedding frame. Throws InvalidArgument when layers or frame period differ from the
    /// first recording's.
    void beginRecording(const std::string& file, const std::vector<int>& layers, double frameSeconds, const std::string& label = {});
    /// Frames [firstFrame, firstFrame + rows) of the recording, one [rows, dim] float32 array per selected layer, in
    /// time order.
    void addFrames(std::size_t firstFrame, const std::vector<FloatArray>& layers);
    /// Ends the recording (its clip rows at clip level; throws InputError naming it when it gave no frame).
    void endRecording();
    /// Makes the files visible and writes the sidecar; throws OutputError (InputError when the checkpoint to hash
    /// is gone).
    void finish(const EmbeddingProvenance& provenance);

    const EmbeddingExportOptions& options() const { return options_; }
    /// Values per written row: the frame dimension, or the pooled one at clip level (2× for mean+std).
    std::size_t rowDim() const { return rowDim_; }
    /// Where the sidecar goes: `<output>.json` (beside the folder's files for the projector).
    virtual std::string sidecarPath() const = 0;

protected:
    /// The recording being written: begin's arguments, plus frames seen so far.
    struct Recording {
        std::string file;
        std::string label;
        std::size_t frames = 0;
    };

    EmbeddingWriter(std::size_t dim, EmbeddingExportOptions options);
    std::size_t frameDim() const { return dim_; }
    const Recording& recording() const { return recording_; }
    const std::vector<int>& layers() const { return contents_.layers; }
    double frameSeconds() const { return contents_.frameSeconds; }
    /// Recordings begun so far, this one included.
    std::size_t recordingCount() const { return contents_.files.size(); }

    /// Frame rows of layer `layerIndex` (an index into layers()): [rows, frameDim()] float32, frames from firstFrame.
    virtual void writeFrames(std::size_t layerIndex, std::size_t firstFrame, const FloatArray& rows) = 0;
    /// The clip row of layer `layerIndex`: rowDim() values pooled over recording().frames frames.
    virtual void writeClip(std::size_t layerIndex, const std::vector<float>& values) = 0;
    /// Called after a recording's rows were written.
    virtual void recordingEnded() {}
    /// Commits the format's files (the sidecar follows).
    virtual void commitFiles() = 0;

private:
    std::size_t dim_;
    EmbeddingExportOptions options_;
    std::size_t rowDim_;
    EmbeddingExportContents contents_;
    Recording recording_;
    std::vector<ClipPooling> pools_;  ///< one per layer, clip level only
};

}  // namespace m2ds
