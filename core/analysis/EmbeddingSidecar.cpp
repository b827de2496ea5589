#include "analysis/EmbeddingSidecar.h"

#include <nlohmann/json.hpp>

#include "audio/FrontEndConfig.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/Sha256.h"
#include "model/ModelConfig.h"

namespace m2ds {
namespace {

nlohmann::json parseProvenanceObject(const std::string& text, const char* member) {
    nlohmann::json object = nlohmann::json::parse(text, nullptr, false);
    if (!object.is_object()) throw InvalidArgument(std::string("embedding provenance: ") + member + " is not a JSON object");
    return object;
}

}  // namespace

EmbeddingProvenance m2dsEmbeddingProvenance(const std::string& checkpoint, const ModelConfig& config) {
    const FrontEndConfig frontEnd;
    const nlohmann::json pipeline = {
        {"front_end", {{"sample_rate", frontEnd.sampleRate}, {"n_fft", frontEnd.nFft}, {"win_length", frontEnd.winLength},
                       {"hop_length", frontEnd.hopLength}, {"n_mels", frontEnd.melCount}, {"f_min", frontEnd.fMinHz},
                       {"f_max", frontEnd.fMaxHz}, {"log_eps", frontEnd.logEpsilon}}},
        {"norm_stats", {config.normMean, config.normStd}}};
    return {checkpoint, config.toJson(), pipeline.dump()};
}

void writeEmbeddingSidecar(const std::string& path, const EmbeddingProvenance& provenance, const EmbeddingExportOptions& options,
                           const EmbeddingExportContents& contents) {
    nlohmann::json sidecar = parseProvenanceObject(provenance.pipelineJson, "pipelineJson");
    sidecar["checkpoint"] = provenance.checkpoint;
    sidecar["checkpoint_sha256"] = sha256OfFile(provenance.checkpoint);
    sidecar["model"] = parseProvenanceObject(provenance.modelJson, "modelJson");
    sidecar["layers"] = contents.layers;
    sidecar["level"] = options.clipLevel ? "clip" : "frame";
    if (options.clipLevel) sidecar["pooling"] = clipPoolingName(options.pooling);
    sidecar["format"] = embeddingFormatName(options.format);
    sidecar["frame_seconds"] = contents.frameSeconds;
    sidecar["files"] = contents.files;
    sidecar["m2ds_version"] = M2DS_VERSION;
    AtomicFileWriter::writeFile(path, sidecar.dump(2) + "\n");
}

}  // namespace m2ds
