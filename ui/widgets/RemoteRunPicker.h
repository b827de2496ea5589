#pragma once
#include <QVector>
#include <QWidget>

#include "training/RemoteRunRegistry.h"

class QComboBox;
class QPushButton;

namespace m2ds {

/// The remote runs this workbench launched (RemoteRunRegistry), newest first, and Follow: the Train page
/// attaches to the chosen one again (after a restart, or after following another run).
class RemoteRunPicker : public QWidget {
    Q_OBJECT
public:
    explicit RemoteRunPicker(QWidget* parent = nullptr);

    /// Lists `records` (newest last, as the registry keeps them); hidden when there are none.
    void setRecords(const QVector<RemoteRunRecord>& records);
    QComboBox* combo() const { return combo_; }
    QPushButton* followButton() const { return follow_; }

signals:
    void followRequested(const m2ds::RemoteRunRecord& record);

private:
    QVector<RemoteRunRecord> records_;  ///< in combo order: newest first
    QComboBox* combo_;
    QPushButton* follow_;
};

}  // namespace m2ds
