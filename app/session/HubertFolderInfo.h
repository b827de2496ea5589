#pragma once
#include <QString>

namespace m2ds {

/// What the workbench knows of a HuBERT / wav2vec 2.0 folder before a job uses it: the geometry its config.json states
/// and that its weights file is there (never read here), or why it is not a model. Plain values, no core types.
struct HubertFolderInfo {
    int layers = -1;   ///< num_hidden_layers: hidden states 0..layers; -1 when the folder is not usable
    QString summary;   ///< one line, e.g. "hubert: 12 layers, hidden 768, 12 heads, group norm, post-LN"; empty when not usable
    QString problem;   ///< one line naming the file and what is wrong; empty when usable

    bool isUsable() const { return problem.isEmpty(); }

    /// Reads `path` (a model folder, or a weights file with its config.json beside it) as HubertCheckpoint::read does,
    /// but only config.json and whether the weights file exists: a few stats and one small file, fine on the GUI thread.
    /// Never throws: a missing folder, no config.json, bad JSON, an unsupported feat_extract_norm or no weights file is
    /// `problem`.
    static HubertFolderInfo read(const QString& path);
};

}  // namespace m2ds
