#include "training/RsyncTransfer.h"

#include <QRegularExpression>

#include "training/RemoteShell.h"

namespace m2ds {
namespace {

constexpr qsizetype kKeptOutput = 256 * 1024;  ///< characters of output kept: the summary and errors come last
constexpr qsizetype kProgressTail = 256;       ///< characters searched for the latest percentage

/// The lines of rsync's output; a message printed on stderr right after a progress update (which ends in no
/// newline) starts a line of its own.
QStringList outputLines(const QString& output) {
    static const QRegularExpression message(QStringLiteral("rsync( error)?: "));
    QStringList lines;
    for (QString line : output.split(QRegularExpression(QStringLiteral("[\r\n]")), Qt::SkipEmptyParts)) {
        if (const qsizetype at = line.indexOf(message); at > 0 && line.left(at).contains(QLatin1Char('%'))) line = line.mid(at);
        if (!line.trimmed().isEmpty()) lines << line.trimmed();
    }
    return lines;
}

QString lineContaining(const QStringList& lines, const char* needle) {
    for (const QString& line : lines)
        if (line.contains(QLatin1String(needle), Qt::CaseInsensitive)) return line;
    return {};
}

/// rsync's most telling line: its first complaint other than the lost connection that follows every failure.
QString mostTellingLine(const QStringList& lines) {
    for (const QString& line : lines)
        if (line.startsWith(QLatin1String("rsync:")) && !line.contains(QLatin1String("connection unexpectedly closed"))) return line;
    return lines.isEmpty() ? QString() : lines.last();
}

}  // namespace

RsyncTransfer::RsyncTransfer(QObject* parent) : QObject(parent) {}

RsyncTransfer::~RsyncTransfer() {
    if (!process_) return;
    process_->disconnect(this);
    process_->kill();
    process_->waitForFinished(1000);
}

bool RsyncTransfer::start(const QString& program, const QStringList& arguments) {
    if (process_) return false;
    output_.clear();
    cancelled_ = false;
    auto* process = new QProcess(this);
    process_ = process;
    process->setProcessChannelMode(QProcess::MergedChannels);
    connect(process, &QProcess::readyReadStandardOutput, this, &RsyncTransfer::onOutput);
    connect(process, &QProcess::finished, this, [this, process](int exitCode, QProcess::ExitStatus status) {
        output_ += QString::fromUtf8(process->readAll());
        process->deleteLater();
        process_ = nullptr;
        emit finished(status == QProcess::NormalExit ? exitCode : -1, output_, cancelled_);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process, program](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart) return;  // the others end in finished
        process->deleteLater();
        process_ = nullptr;
        emit finished(-1, tr("%1 could not be started: %2").arg(program, process->errorString()), false);
    });
    process->start(program, arguments);
    return true;
}

void RsyncTransfer::cancel() {
    if (!process_) return;
    cancelled_ = true;
    process_->kill();
}

void RsyncTransfer::onOutput() {
    if (!process_) return;
    output_ += QString::fromUtf8(process_->readAll());
    if (output_.size() > 2 * kKeptOutput) output_ = output_.right(kKeptOutput);
    const int percent = lastPercent(output_.right(kProgressTail));
    if (percent >= 0) emit progress(percent);
}

int RsyncTransfer::lastPercent(const QString& text) {
    // rsync --info=progress2 rewrites one line with '\r': "  1,234,567  45%  1.2MB/s  0:00:01 (xfr#3, to-chk=2/9)"
    static const QRegularExpression percent(QStringLiteral("(\\d{1,3})%"));
    QRegularExpressionMatchIterator it = percent.globalMatch(text);
    int last = -1;
    while (it.hasNext()) last = it.next().captured(1).toInt();
    return last < 0 ? -1 : qMin(last, 100);
}

QString RsyncTransfer::describeFailure(const QString& output, int exitCode, const RemoteShell& shell) {
    const QStringList lines = outputLines(output);
    if (exitCode == 255) {  // rsync passes on ssh's status: ssh could not connect or log in
        QStringList sshLines;
        for (const QString& line : lines)
            if (!line.startsWith(QLatin1String("rsync"))) sshLines << line;
        RemoteResult result;
        result.exitCode = 255;
        result.err = sshLines.join(QLatin1Char('\n'));
        return shell.describeFailure(result);
    }
    if (const QString line = lineContaining(lines, "No space left on device"); !line.isEmpty()) return tr("no space left on the device: %1").arg(line);
    if (const QString line = lineContaining(lines, "Disk quota exceeded"); !line.isEmpty()) return tr("the disk quota is exceeded: %1").arg(line);
    if (const QString line = lineContaining(lines, "command not found"); !line.isEmpty() || exitCode == 127)
        return tr("rsync is not installed on %1 (or not on the PATH of its login shell): %2").arg(shell.target().host(), line.isEmpty() ? mostTellingLine(lines) : line);
    if (const QString line = lineContaining(lines, "Permission denied"); !line.isEmpty()) return tr("permission denied: %1").arg(line);
    const QString line = mostTellingLine(lines);
    if (exitCode == -1) return line.isEmpty() ? tr("the copy was killed") : line;
    return line.isEmpty() ? tr("exit %1").arg(exitCode) : line;
}

}  // namespace m2ds
