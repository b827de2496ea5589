#pragma once
#include <string>
#include <vector>

#include "checkpoint/ImportedCheckpoint.h"

namespace m2ds {

/// Reads official M2D / M2D-S `.pth` files (full training saves or encoder-only weights, with `module.`,
/// `backbone.` or `module.ar.runtime.backbone.` prefixes) and this project's `.safetensors` files.
/// Geometry comes from our file's header, else from the pickled `args` and the folder name
/// (`…-80x608p80x2-…`) completed by the weight shapes; head counts come from a preset of the same name when
/// one is given, else 64-dimensional heads (32 in the decoder) are assumed, as ViT-Base has.
class CheckpointImporter {
public:
    /// presets: known geometries (models/presets/*.json) matched by name.
    explicit CheckpointImporter(std::vector<ModelConfig> presets = {});

    /// Throws InputError naming the file and the key or byte offset for anything malformed or hostile.
    ImportedCheckpoint read(const std::string& path) const;

private:
    ImportedCheckpoint readPth(const std::string& path) const;
    /// Fills the geometry from the weights' shapes on top of `base`; headsFromBase: `base` came from our file
    /// header and its head counts are authoritative.
    void completeGeometry(ImportedCheckpoint& checkpoint, ModelConfig base, bool headsFromBase) const;

    std::vector<ModelConfig> presets_;
};

}  // namespace m2ds
