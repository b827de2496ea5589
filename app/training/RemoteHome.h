#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace m2ds {

/// The one rule for a leading `~` in a path on a target's host (working folder, data and run folders, the m2ds
/// command): `~` and `~/…` mean the home folder of the login there, as a shell reads them (`~user/…` is not
/// supported). Two faces of it: in a remote shell line such a path is the word `"$HOME"/'…'`, which the host's
/// shell expands; where nothing expands it (SLURM's #SBATCH lines, the run folder and arguments the workbench
/// records and shows) it is made absolute with the home the host reported, asked once per target (query(), parse()).
class RemoteHome {
public:
    /// True for "~" and "~/…".
    static bool refersToHome(const QString& path);
    /// True when one of `paths` refers to the home.
    static bool anyRefersToHome(const QStringList& paths);
    /// `path` with its leading `~` replaced by `home` (the host's absolute home, e.g. "/home/ada"); other paths, and
    /// every path while `home` is empty, as they are.
    static QString expand(const QString& path, const QString& home);
    /// expand() of each word (a command line: a word "~/…" is a path, as a shell would expand it).
    static QStringList expandAll(const QStringList& words, const QString& home);
    /// `path` as one word of a remote POSIX shell line: a leading `~` as "$HOME", the rest quoted (SshCommand::quote).
    static QString shellWord(const QString& path);
    /// A shell line printing the login's home: "M2DS-HOME /home/ada".
    static QString query();
    /// The home that query() printed in `output` (a login script may print before it); empty when there is no
    /// such line or it is not an absolute path.
    static QString parse(const QByteArray& output);
};

}  // namespace m2ds
