#include "widgets/LoadingProgressBar.h"

#include "session/RecordingListModel.h"

namespace m2ds {

LoadingProgressBar::LoadingProgressBar(const RecordingListModel* recordings, QWidget* parent) : QProgressBar(parent), recordings_(recordings) {
    setMaximumWidth(180);
    setRange(0, 100);
    setVisible(false);
    connect(recordings, &QAbstractItemModel::rowsInserted, this, &LoadingProgressBar::refresh);
    connect(recordings, &QAbstractItemModel::rowsRemoved, this, &LoadingProgressBar::refresh);
    connect(recordings, &QAbstractItemModel::dataChanged, this, &LoadingProgressBar::refresh);
}

void LoadingProgressBar::refresh() {
    double sum = 0.0;
    int loading = 0;
    for (int row = 0; row < recordings_->rowCount(); ++row) {
        if (recordings_->state(row) != RecordingListModel::State::Loading) continue;
        sum += recordings_->data(recordings_->index(row), RecordingListModel::ProgressRole).toDouble();
        ++loading;
    }
    setVisible(loading > 0);
    if (loading == 0) return;
    setValue(int(100 * sum / loading));
    setFormat(tr("loading %1 file(s) %p%").arg(loading));
}

}  // namespace m2ds
