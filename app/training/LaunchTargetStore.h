#pragma once
#include <QString>
#include <QVector>

#include "training/LaunchTarget.h"

namespace m2ds {

/// The saved launch targets: one JSON file (`launch-targets.json` in the application's config folder), not
/// QSettings, because targets are documents a user may copy to another machine, diff or edit by hand, and
/// hold lists (extra #SBATCH lines) that an INI file flattens badly. Written atomically (QSaveFile).
class LaunchTargetStore {
public:
    /// path: the file; empty = `<AppConfigLocation>/launch-targets.json`.
    explicit LaunchTargetStore(QString path = {});

    /// The saved targets, in saved order; none when the file is missing. A file that is not a target list
    /// throws InputError naming it.
    QVector<LaunchTarget> load() const;
    /// Replaces the file with `targets`; throws OutputError naming it when it cannot be written.
    void save(const QVector<LaunchTarget>& targets) const;
    /// The saved target called `name`, or a default-constructed target with an empty name.
    LaunchTarget find(const QString& name) const;
    QString path() const { return path_; }

private:
    QString path_;
};

}  // namespace m2ds
