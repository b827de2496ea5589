#pragma once
#include <QProgressBar>

namespace m2ds {

class RecordingListModel;

/// The status-bar bar for recordings still loading: their mean progress, hidden when none is loading.
class LoadingProgressBar : public QProgressBar {
    Q_OBJECT
public:
    explicit LoadingProgressBar(const RecordingListModel* recordings, QWidget* parent = nullptr);

private:
    void refresh();

    const RecordingListModel* recordings_;
};

}  // namespace m2ds
