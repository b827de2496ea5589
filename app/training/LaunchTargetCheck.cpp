#include "training/LaunchTargetCheck.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include "training/RemoteHome.h"
#include "training/RemoteShell.h"

namespace m2ds {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("m2ds::LaunchTargetCheck", text); }

QString field(const QString& output, const QString& key) {
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("^M2DS-%1 (.*)$").arg(key), QRegularExpression::MultilineOption).match(output);
    return match.hasMatch() ? match.captured(1).trimmed() : QString();
}

QString checkScript(const LaunchTarget& target, const QString& runDirectory) {
    const QString m2ds = RemoteHome::shellWord(target.m2dsPath), folder = RemoteHome::shellWord(runDirectory);
    QString script = target.activation.trimmed().isEmpty() ? QString() : target.activation.trimmed() + QStringLiteral(" >&2\n");
    script += QStringLiteral("if command -v %1 >/dev/null 2>&1; then echo \"M2DS-VERSION $(%1 --version 2>&1 | head -n1)\"; "
                             "else echo 'M2DS-VERSION missing'; fi\n").arg(m2ds);
    // The run folder or, while it does not exist, the nearest folder above it: writable, and its file system's room
    // (where the run folder will be). Nothing is created: a check that fails leaves no trace on the host.
    script += QStringLiteral("d=%1; while [ ! -e \"$d\" ]; do d=$(dirname -- \"$d\"); done\n"
                             "if [ -d \"$d\" ] && [ -w \"$d\" ]; then echo \"M2DS-FREE $(df -Pk -- \"$d\" | awk 'NR==2 {print $4}')\"; "
                             "else echo 'M2DS-FREE unwritable'; fi\n").arg(folder);
    script += RemoteHome::query();
    if (target.kind == LaunchTarget::Kind::Slurm) script += QStringLiteral("command -v sbatch >/dev/null 2>&1 && echo 'M2DS-SBATCH yes' || echo 'M2DS-SBATCH no'\n");
    return script;
}

}  // namespace

QString LaunchTargetCheck::expectedVersion() { return QStringLiteral("m2ds " M2DS_VERSION); }

LaunchTargetReport LaunchTargetCheck::check(const LaunchTarget& target, const QString& runDirectory, qint64 minimumFreeMib,
                                            const QString& controlFolder, int timeoutMs) {
    LaunchTargetReport report;
    report.problems = target.problems();
    if (!report.ok()) return report;
    const RemoteShell shell(target, controlFolder);
    const RemoteResult result = shell.run(checkScript(target, runDirectory), timeoutMs);
    if (!result.ok()) {
        report.problems << shell.describeFailure(result);
        return report;
    }
    const QString output = QString::fromUtf8(result.out);
    const QString host = target.host();
    report.remoteVersion = field(output, QStringLiteral("VERSION"));
    report.home = RemoteHome::parse(result.out);
    if (report.remoteVersion == QLatin1String("missing"))
        report.problems << tr("%1: the m2ds command '%2' is not there; set its path or the activation line of the target.").arg(host, target.m2dsPath);
    else if (report.remoteVersion != expectedVersion())
        report.problems << tr("%1 has '%2', this workbench needs '%3'; install the same version there.").arg(host, report.remoteVersion, expectedVersion());
    const QString free = field(output, QStringLiteral("FREE"));
    bool number = false;
    const qint64 freeKib = free.toLongLong(&number);
    if (!number) report.problems << tr("%1: the run folder %2 cannot be created or written (a file is in its way, or no permission).").arg(host, runDirectory);
    else report.freeMib = freeKib / 1024;
    if (number && report.freeMib < minimumFreeMib)
        report.problems << tr("%1: only %2 MiB free in %3 (at least %4 MiB wanted for data and checkpoints).").arg(host).arg(report.freeMib).arg(runDirectory).arg(minimumFreeMib);
    if (field(output, QStringLiteral("SBATCH")) == QLatin1String("no"))
        report.problems << tr("%1: sbatch is not there; is this the cluster's login host, or does the activation line load SLURM?").arg(host);
    return report;
}

}  // namespace m2ds
