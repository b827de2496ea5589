#include "training/SshFileSource.h"

#include <QProcess>

#include "training/RemoteHome.h"

namespace m2ds {
namespace {

const QByteArray kMarker = "M2DS-FILE ";

}  // namespace

SshFileSource::SshFileSource(RemoteShell shell, QObject* parent) : QObject(parent), shell_(std::move(shell)) {}

SshFileSource::~SshFileSource() {
    if (!process_) return;
    process_->disconnect(this);
    process_->kill();
    process_->waitForFinished(1000);
}

void SshFileSource::read(const QString& path, qint64 offset, qint64 maxBytes, std::function<void(const RemoteChunk&)> done) {
    const QString file = RemoteHome::shellWord(path);
    const QString script = QStringLiteral("if [ -e %1 ]; then printf 'M2DS-FILE %s\\n' \"$(stat -Lc '%i %s' %1)\" && tail -c +%2 %1 | head -c %3; "
                                          "else echo 'M2DS-FILE missing'; fi\n")
                               .arg(file).arg(offset + 1).arg(maxBytes);
    QProcess* process = shell_.start(script, this);
    process_ = process;
    connect(process, &QProcess::finished, this, [this, process, done](int exitCode, QProcess::ExitStatus status) {
        RemoteChunk chunk;
        const QByteArray output = process->readAllStandardOutput();
        if (status == QProcess::NormalExit && exitCode == 0) chunk = parse(output);
        if (!chunk.ok) {
            RemoteResult result{status == QProcess::NormalExit ? exitCode : -1, output, QString::fromUtf8(process->readAllStandardError())};
            chunk.error = status == QProcess::NormalExit ? shell_.describeFailure(result) : tr("the ssh connection was cut");
        }
        process->deleteLater();
        done(chunk);
    });
    connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart) return;  // the others end in finished()
        process->deleteLater();
        RemoteChunk chunk;
        chunk.error = tr("ssh could not be started: %1").arg(process->errorString());
        done(chunk);
    });
}

qint64 SshFileSource::processId() const { return process_ ? process_->processId() : 0; }

RemoteChunk SshFileSource::parse(const QByteArray& output) {
    RemoteChunk chunk;
    const qsizetype at = output.indexOf(kMarker);  // a login script may print before it
    const qsizetype lineEnd = at < 0 ? -1 : output.indexOf('\n', at);
    if (lineEnd < 0) {
        chunk.error = tr("the log read printed no header");
        return chunk;
    }
    const QList<QByteArray> header = output.mid(at + kMarker.size(), lineEnd - at - kMarker.size()).split(' ');
    chunk.ok = true;
    if (header.size() != 2) return chunk;  // "missing"
    chunk.exists = true;
    chunk.fileId = QString::fromLatin1(header[0]);
    chunk.size = header[1].toLongLong();
    chunk.bytes = output.mid(lineEnd + 1);
    return chunk;
}

}  // namespace m2ds
