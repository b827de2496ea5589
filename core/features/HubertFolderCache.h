#pragma once
#include <string>

#include "features/HubertFolder.h"

namespace m2ds {

/// The HuBERT / wav2vec 2.0 folder the workbench's jobs opened last (the Clusters dock's Learn and Assign, File ▸
/// Export Embeddings…, the probes), kept in memory while the folder, its config.json and the weights file it names
/// are unchanged (and none was modified in the 2 s before it was opened), so that a job on the same folder does not
/// read and build the model again (hubert_base: 377 MB). One folder at a time; thread-safe; jobs share the model.
class HubertFolderCache {
public:
    /// HubertFolder::open(path, device), or the folder opened before for the same path and device when its files
    /// have not changed since. Throws as HubertFolder::open.
    static HubertFolder open(const std::string& path, const std::string& device);
};

}  // namespace m2ds
