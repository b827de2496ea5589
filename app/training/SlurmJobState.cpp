#include "training/SlurmJobState.h"

#include <QRegularExpression>
#include <QStringList>

namespace m2ds {

SlurmJobState SlurmJobState::parse(const QString& line) {
    const QStringList fields = line.trimmed().split(QLatin1Char('|'));
    SlurmJobState job;
    job.state = fields.value(0).trimmed();
    if (job.state.isEmpty()) job.state = QStringLiteral("GONE");
    job.reason = fields.value(1).trimmed();
    if (job.reason == QLatin1String("None")) job.reason.clear();
    job.elapsedSeconds = parseDuration(fields.value(2));
    job.limitSeconds = parseDuration(fields.value(3));
    return job;
}

qint64 SlurmJobState::parseDuration(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^(?:(\\d+)-)?(\\d+)(?::(\\d+))?(?::(\\d+))?$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch()) return -1;
    const qint64 days = match.captured(1).toLongLong();
    QList<qint64> parts{match.captured(2).toLongLong()};  // [[H:]M:]S as printed: the last part is seconds
    for (int group : {3, 4})
        if (match.hasCaptured(group) && !match.captured(group).isEmpty()) parts << match.captured(group).toLongLong();
    qint64 seconds = 0;
    for (qint64 part : parts) seconds = seconds * 60 + part;
    return days * 86400 + seconds;
}

QString SlurmJobState::word() const { return state.section(QLatin1Char(' '), 0, 0); }

QString SlurmJobState::describe() const { return reason.isEmpty() ? state : QStringLiteral("%1 (%2)").arg(state, reason); }

bool SlurmJobState::isFinal() const {
    static const QStringList finalStates = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY",
                                            "PREEMPTED", "BOOT_FAIL", "DEADLINE", "GONE"};
    return finalStates.contains(word());
}

}  // namespace m2ds
