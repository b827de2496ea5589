#pragma once
#include <QLabel>

#include "training/LaunchTarget.h"

namespace m2ds {

class RemoteDataUpload;

/// The line under the Train form that uploads a data folder of this computer to a remote target (RemoteDataUpload,
/// the form's Upload… beside a data field) and says how it goes: checking the destination, the percent copied, what
/// was sent, or why it failed.
class DataUploadState : public QLabel {
    Q_OBJECT
public:
    explicit DataUploadState(QWidget* parent = nullptr);

    /// Upload… pressed for the form's `field` ("speech" or "noise"): cancels the upload on its way, or asks for the
    /// local folder and the folder on `target`'s host and uploads.
    void request(const LaunchTarget& target, const QString& field);
    /// Uploads `localFolder` to `target` into `remoteFolder` (empty: its data/<folder name>) for `field`. False when
    /// an upload is on its way, or when it could not start (the line says why).
    bool start(const LaunchTarget& target, const QString& field, const QString& localFolder, const QString& remoteFolder = {});
    bool isUploading() const;

signals:
    /// The upload for `field` ended with the data in `remoteFolder` on the host (its absolute path).
    void uploaded(const QString& field, const QString& remoteFolder);
    /// The field an upload is now on its way for; empty once it ended (finished, failed or cancelled).
    void uploadingChanged(const QString& field);

private:
    RemoteDataUpload* upload_ = nullptr;
};

}  // namespace m2ds
