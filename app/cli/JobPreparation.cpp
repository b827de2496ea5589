#include "cli/JobPreparation.h"

#include <exception>

#include "cluster/ClusterCollective.h"
#include "common/Errors.h"

namespace m2ds::cli {
namespace {

/// Every process's `text`, concatenated in rank order (a sum over disjoint slots, one byte per float64).
std::string gatherInRankOrder(const std::string& text, ClusterCollective& job) {
    std::vector<double> lengths(static_cast<std::size_t>(job.worldSize()), 0.0);
    lengths[static_cast<std::size_t>(job.rank())] = static_cast<double>(text.size());
    job.sumInPlace(lengths);
    std::size_t offset = 0, total = 0;
    for (int rank = 0; rank < job.worldSize(); ++rank) {
        if (rank < job.rank()) offset += static_cast<std::size_t>(lengths[rank]);
        total += static_cast<std::size_t>(lengths[rank]);
    }
    std::vector<double> bytes(total, 0.0);
    for (std::size_t i = 0; i < text.size(); ++i) bytes[offset + i] = static_cast<unsigned char>(text[i]);
    job.sumInPlace(bytes);
    return std::string(bytes.begin(), bytes.end());
}

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    for (std::size_t start = 0, end; start < text.size(); start = end + 1) lines.push_back(text.substr(start, (end = text.find('\n', start)) - start));
    return lines;
}

}  // namespace

PreparedSet prepareAcrossJob(const CorpusPreparer& preparer, const std::vector<std::string>& recordings, const std::string& output,
                             ClusterCollective& job, const ProgressMonitor& monitor) {
    PreparationOutcome own;
    std::exception_ptr failure;
    try {
        own = preparer.prepareShard(recordings, output, PreparationShard{job.rank(), job.worldSize()}, monitor);
    } catch (...) {
        failure = std::current_exception();  // still meet the others below, so that none waits for this process
    }
    job.waitForEveryRank("prepare-done");
    // Per recording: usable; then per rank: failed; then the files reused.
    std::vector<double> counts(recordings.size() + static_cast<std::size_t>(job.worldSize()) + 1, 0.0);
    for (std::size_t i = 0; i < own.usable.size(); ++i) counts[i] = own.usable[i];
    counts[recordings.size() + static_cast<std::size_t>(job.rank())] = failure ? 1.0 : 0.0;
    counts.back() = static_cast<double>(own.reused);
    job.sumInPlace(counts);
    if (failure) std::rethrow_exception(failure);
    std::string failed;
    for (int rank = 0; rank < job.worldSize(); ++rank)
        if (counts[recordings.size() + static_cast<std::size_t>(rank)] > 0) failed += (failed.empty() ? "" : ", ") + std::to_string(rank);
    if (!failed.empty())
        throw OutputError(output + "/files.csv", "not written: process " + failed + " of " + std::to_string(job.worldSize()) +
                                                     " failed (each says why in its own message)");
    std::string skipped;
    for (const std::string& line : own.skipped) skipped += line + "\n";
    PreparationOutcome all{{}, linesOf(gatherInRankOrder(skipped, job)), static_cast<std::size_t>(counts.back())};
    if (job.rank() != 0) {
        PreparedSet share;
        share.skipped = own.skipped;
        share.reused = own.reused;
        const std::vector<std::string> targets = preparer.targetsOf(recordings, output);
        for (std::size_t i = 0; i < own.usable.size(); ++i)
            if (own.usable[i]) share.files.push_back(targets[i]);
        return share;
    }
    for (std::size_t i = 0; i < recordings.size(); ++i) all.usable.push_back(counts[i] > 0 ? 1 : 0);
    return preparer.writeList(recordings, output, all);
}

}  // namespace m2ds::cli
