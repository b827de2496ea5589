#pragma once
#include <string>
#include <vector>

#include "data/CorpusPreparer.h"

namespace m2ds {
class ClusterCollective;
class ProgressMonitor;
}  // namespace m2ds

namespace m2ds::cli {

/// `m2ds prepare` launched by torchrun: each process prepares its contiguous block of the recordings
/// (PreparationShard), then, once every process is done, rank 0 writes files.csv, prepared.json and skipped.txt from
/// all blocks, so the folder is the one a single process writes. When any process fails (cancelled, a file that
/// cannot be written), every process throws and no file list is written: the failing one its own error, the others
/// an OutputError naming the failed ranks. Returns the whole job's set on rank 0, this process's share on the others.
PreparedSet prepareAcrossJob(const CorpusPreparer& preparer, const std::vector<std::string>& recordings, const std::string& output,
                             ClusterCollective& job, const ProgressMonitor& monitor);

}  // namespace m2ds::cli
