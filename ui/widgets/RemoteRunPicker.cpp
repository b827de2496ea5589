#include "widgets/RemoteRunPicker.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <algorithm>

namespace m2ds {

RemoteRunPicker::RemoteRunPicker(QWidget* parent)
    : QWidget(parent), combo_(new QComboBox(this)), follow_(new QPushButton(tr("Follow"), this)) {
    combo_->setObjectName(QStringLiteral("remoteRuns"));
    follow_->setObjectName(QStringLiteral("followRemoteRun"));
    follow_->setToolTip(tr("Follow this remote run again: its curves, state and checkpoints"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Remote runs"), this));
    layout->addWidget(combo_, 1);
    layout->addWidget(follow_);
    connect(follow_, &QPushButton::clicked, this, [this] {
        const int index = combo_->currentIndex();
        if (index >= 0 && index < records_.size()) emit followRequested(records_[index]);
    });
    setVisible(false);
}

void RemoteRunPicker::setRecords(const QVector<RemoteRunRecord>& records) {
    records_ = records;
    std::reverse(records_.begin(), records_.end());
    combo_->clear();
    for (const RemoteRunRecord& record : records_) {
        const QString launched = QDateTime::fromMSecsSinceEpoch(qint64(record.launched * 1000.0)).toString(QStringLiteral("yyyy-MM-dd hh:mm"));
        combo_->addItem(QStringLiteral("%1: %2 (%3)").arg(record.target, record.directory, launched));
    }
    setVisible(!records_.isEmpty());
}

}  // namespace m2ds
