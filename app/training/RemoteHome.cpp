#include "training/RemoteHome.h"

#include <QRegularExpression>
#include <algorithm>

#include "training/SshCommand.h"

namespace m2ds {

bool RemoteHome::refersToHome(const QString& path) { return path == QLatin1String("~") || path.startsWith(QLatin1String("~/")); }

bool RemoteHome::anyRefersToHome(const QStringList& paths) { return std::any_of(paths.begin(), paths.end(), refersToHome); }

QString RemoteHome::expand(const QString& path, const QString& home) {
    if (home.isEmpty() || !refersToHome(path)) return path;
    if (path.size() == 1) return home;
    return (home.endsWith(QLatin1Char('/')) ? home.chopped(1) : home) + path.mid(1);
}

QStringList RemoteHome::expandAll(const QStringList& words, const QString& home) {
    QStringList expanded;
    for (const QString& word : words) expanded << expand(word, home);
    return expanded;
}

QString RemoteHome::shellWord(const QString& path) {
    if (!refersToHome(path)) return SshCommand::quote(path);
    const QString rest = path.mid(2);
    return QStringLiteral("\"$HOME\"") + (path.size() == 1 ? QString() : QStringLiteral("/") + (rest.isEmpty() ? QString() : SshCommand::quote(rest)));
}

QString RemoteHome::query() { return QStringLiteral("printf 'M2DS-HOME %s\\n' \"$HOME\"\n"); }

QString RemoteHome::parse(const QByteArray& output) {
    static const QRegularExpression line(QStringLiteral("^M2DS-HOME (/.*)$"), QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(output));
    return match.hasMatch() ? match.captured(1).trimmed() : QString();
}

}  // namespace m2ds
