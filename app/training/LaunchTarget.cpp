#include "training/LaunchTarget.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include "training/RemoteHome.h"

namespace m2ds {
namespace {

/// [user@]host[:port]: user and host without spaces, '@' or ':', port digits.
const QRegularExpression& addressPattern() {
    static const QRegularExpression pattern(QStringLiteral("^(?:([^@:\\s]+)@)?([^@:\\s]+)(?::(\\d+))?$"));
    return pattern;
}

QString tr(const char* text) { return QCoreApplication::translate("m2ds::LaunchTarget", text); }

LaunchTarget::Kind kindFromName(const QString& name) {
    if (name == QLatin1String("ssh")) return LaunchTarget::Kind::Ssh;
    if (name == QLatin1String("slurm")) return LaunchTarget::Kind::Slurm;
    return LaunchTarget::Kind::Local;
}

}  // namespace

QString LaunchTarget::user() const { return addressPattern().match(address.trimmed()).captured(1); }
QString LaunchTarget::host() const { return addressPattern().match(address.trimmed()).captured(2); }
int LaunchTarget::port() const {
    const QString port = addressPattern().match(address.trimmed()).captured(3);
    return port.isEmpty() ? 22 : port.toInt();
}

QString LaunchTarget::remotePath(const QString& path) const {
    if (path.startsWith(QLatin1Char('/')) || RemoteHome::refersToHome(path) || workingFolder.isEmpty()) return path;
    return workingFolder + (workingFolder.endsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + path;
}

LaunchTarget LaunchTarget::withHome(const QString& home) const {
    LaunchTarget target = *this;
    target.workingFolder = RemoteHome::expand(workingFolder, home);
    target.m2dsPath = RemoteHome::expand(m2dsPath, home);
    return target;
}

QStringList LaunchTarget::problems() const {
    QStringList list;
    if (name.trimmed().isEmpty()) list << tr("Name: give the target a name.");
    if (!isRemote()) return list;
    const QRegularExpressionMatch match = addressPattern().match(address.trimmed());
    if (!match.hasMatch()) list << tr("Host: '%1' is not [user@]host[:port].").arg(address);
    else if (!match.captured(3).isEmpty() && (port() < 1 || port() > 65535)) list << tr("Host: port %1 is not 1–65535.").arg(match.captured(3));
    if (!workingFolder.isEmpty() && !workingFolder.startsWith(QLatin1Char('/')) && !RemoteHome::refersToHome(workingFolder))
        list << tr("Working folder: '%1' is not an absolute path on the host, nor one in the login's home (~/…).").arg(workingFolder);
    if (m2dsPath.trimmed().isEmpty()) list << tr("m2ds command: say where m2ds is on the host (a path or 'm2ds').");
    if (gpusPerNode < 0 || gpusPerNode > 64) list << tr("GPUs per node: %1 is not 0–64.").arg(gpusPerNode);
    if (kind != Kind::Slurm) return list;
    if (nodes < 1 || nodes > 4096) list << tr("Nodes: %1 is not 1–4096.").arg(nodes);
    static const QRegularExpression time(QStringLiteral("^(\\d+-)?\\d+(:\\d{1,2}){0,2}$"));
    if (!timeLimit.isEmpty() && !time.match(timeLimit).hasMatch())
        list << tr("Time limit: '%1' is not minutes, [D-]HH:MM[:SS] or MM:SS.").arg(timeLimit);
    for (const QString& field : {partition, account})
        if (field.contains(QRegularExpression(QStringLiteral("\\s")))) list << tr("Partition and account: '%1' holds a space.").arg(field);
    return list;
}

QJsonObject LaunchTarget::toJson() const {
    return {{"name", name}, {"kind", kindName(kind)}, {"address", address}, {"identity_file", identityFile},
            {"known_hosts_file", knownHostsFile}, {"working_folder", workingFolder}, {"m2ds", m2dsPath},
            {"activation", activation}, {"gpus_per_node", gpusPerNode}, {"partition", partition}, {"account", account},
            {"nodes", nodes}, {"time_limit", timeLimit}, {"extra_sbatch", QJsonArray::fromStringList(extraSbatchLines)}};
}

LaunchTarget LaunchTarget::fromJson(const QJsonObject& json) {
    LaunchTarget target;
    target.name = json.value("name").toString();
    target.kind = kindFromName(json.value("kind").toString());
    target.address = json.value("address").toString();
    target.identityFile = json.value("identity_file").toString();
    target.knownHostsFile = json.value("known_hosts_file").toString();
    target.workingFolder = json.value("working_folder").toString();
    target.m2dsPath = json.value("m2ds").toString(QStringLiteral("m2ds"));
    target.activation = json.value("activation").toString();
    target.gpusPerNode = json.value("gpus_per_node").toInt(1);
    target.partition = json.value("partition").toString();
    target.account = json.value("account").toString();
    target.nodes = json.value("nodes").toInt(1);
    target.timeLimit = json.value("time_limit").toString();
    for (const QJsonValue& line : json.value("extra_sbatch").toArray()) target.extraSbatchLines << line.toString();
    return target;
}

QString LaunchTarget::kindName(Kind kind) {
    switch (kind) {
    case Kind::Ssh: return QStringLiteral("ssh");
    case Kind::Slurm: return QStringLiteral("slurm");
    case Kind::Local: break;
    }
    return QStringLiteral("local");
}

LaunchTarget LaunchTarget::local() {
    LaunchTarget target;
    target.name = tr("This computer");
    return target;
}

}  // namespace m2ds
