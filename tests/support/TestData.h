#pragma once
// Where test inputs live, and the rule for recordings installed from Debian packages:
// missing on a developer's machine -> the test skips with the package to install; under CI=true -> it fails.
#include <QString>

namespace m2ds::test {

/// Absolute path of a file under the source tree, e.g. sourcePath("tests/golden/frontend/manifest.tsv").
QString sourcePath(const QString& relative);
/// The build directory (where m2ds and friends are).
QString binaryPath(const QString& relative);
/// Points QSettings and QStandardPaths at test locations, so tests never touch a user's preferences.
void isolateSettings();
/// True when running under CI (environment CI=true).
bool underCi();
/// Empty when `path` exists; otherwise the message to skip (developer machine) or fail (CI) with.
QString missingRecordingMessage(const QString& path, const QString& package);

}  // namespace m2ds::test

/// Skips (developer machine) or fails (CI) the current test when a packaged recording is missing.
#define M2DS_REQUIRE_RECORDING(path, package)                                                     \
    do {                                                                                          \
        const QString m2dsMissing_ = m2ds::test::missingRecordingMessage((path), (package));     \
        if (!m2dsMissing_.isEmpty()) {                                                            \
            if (m2ds::test::underCi()) QFAIL(qPrintable(m2dsMissing_));                           \
            QSKIP(qPrintable(m2dsMissing_));                                                      \
        }                                                                                         \
    } while (false)

/// Skips (developer machine) or fails (CI) the current test when `condition` is false: for parts of the test
/// environment (daemons, packages) that may be absent; `message` says exactly what is missing and why.
#define M2DS_REQUIRE(condition, message)                                   \
    do {                                                                   \
        if (!(condition)) {                                                \
            if (m2ds::test::underCi()) QFAIL(qPrintable(message));         \
            QSKIP(qPrintable(message));                                    \
        }                                                                  \
    } while (false)
