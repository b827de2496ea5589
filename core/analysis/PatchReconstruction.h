#pragma once
#include <limits>
#include <vector>

#include "analysis/InspectionGeometry.h"
#include "analysis/LinearReadout.h"
#include "common/FloatArray.h"
#include "model/ModelConfig.h"

namespace m2ds {

struct MaskedInspectionResult;

/// Log-mel images of the inspected model inputs, [melCount, chunks · inputFrames] row-major in ln power (the model's
/// normalisation undone); NaN = blank (a masked patch of the model input, or frames past the recording's end).
struct PatchImages {
    int melCount = 0;
    std::size_t frames = 0;
    std::vector<float> modelInput;      ///< what the online encoder sees: masked patches blank
    std::vector<float> reconstruction;  ///< visible patches as they are, masked ones from readout(predictor); empty without a readout
    std::vector<float> targetReadout;   ///< visible patches as they are, masked ones from readout(target encoder); empty without one
    std::vector<float> patchError;      ///< [chunks · tokens] mean squared error (ln power²) of the reconstruction per masked patch; NaN otherwise
    float meanPatchError = std::numeric_limits<float>::quiet_NaN();  ///< over masked non-padding patches
};

/// Draws what a masked forward pass saw and predicted as log-mel patches, through a LinearReadout from latents (in
/// ReadoutFeatures space) to a patch's normalised log-mel values.
class PatchReconstruction {
public:
    /// config: the model's geometry; geometry: where its patches lie in the recording.
    PatchReconstruction(const ModelConfig& config, const InspectionGeometry& geometry);

    /// Every token's patch of input [B, 1, F, inputFrames] as rows [B · tokens, patchFrequency · patchTime], each row
    /// (mel, frame) row-major within the patch: what a readout predicts.
    static RowMatrix patches(const FloatArray& input, const ModelConfig& config);
    /// The images of `result` (run with keepLatents); readout null gives the model input alone.
    PatchImages draw(const MaskedInspectionResult& result, const LinearReadout* readout) const;

private:
    /// Writes patch `values` (normalised, [pf · pt]) of token `token` of chunk `c` into `image`, in ln power.
    void writePatch(std::vector<float>& image, int c, int token, const float* values) const;
    /// The readout of every masked token's latent (of the target encoder or the predictor, in ReadoutFeatures space):
    /// [chunks · tokens, pf · pt], zero rows for visible tokens.
    RowMatrix readMasked(const MaskedInspectionResult& result, const LinearReadout& readout, bool ofTarget) const;

    ModelConfig config_;
    InspectionGeometry geometry_;
};

}  // namespace m2ds
