#pragma once
// `m2ds` runs for the end-to-end tests: one process, or several launched as torchrun launches them (RANK, LOCAL_RANK, WORLD_SIZE, MASTER_ADDR=127.0.0.1,
// MASTER_PORT), for the tests of multi-process training and clustering.
#include <QProcess>
#include <QStringList>
#include <memory>
#include <vector>

namespace m2ds::test {

/// What one finished process printed and returned.
struct ProcessRun {
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs `program arguments` to its end (at most `timeoutMs`) and returns its exit code, stdout and stderr (UTF-8).
ProcessRun runProgram(const QString& program, const QStringList& arguments, int timeoutMs = 300000);

/// A TCP port nothing listens on right now (the kernel picks one for a socket bound to port 0).
int freePort();

/// What each process of a finished job printed and returned, by rank.
struct JobOutcome {
    std::vector<int> exitCodes;
    QStringList out;
    QStringList err;
    bool finished = true;  ///< false when a process did not end within the timeout
};

/// Starts `world` processes of `program arguments` as one job on a free port on 127.0.0.1, waits up to
/// `timeoutMs` for each, and returns their outcomes.
JobOutcome runJob(const QString& program, const QStringList& arguments, int world, int timeoutMs = 300000);

}  // namespace m2ds::test
