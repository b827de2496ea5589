#include "session/HubertFolderInfo.h"

#include <filesystem>

#include "common/Errors.h"
#include "model/hubert/HubertCheckpoint.h"

namespace m2ds {

HubertFolderInfo HubertFolderInfo::read(const QString& path) {
    HubertFolderInfo info;
    try {
        const HubertConfig config = HubertCheckpoint::readWithoutWeights(path.toStdString()).config;
        info.layers = config.layers;
        info.summary = QString::fromStdString(config.summary());
    } catch (const Error& error) {
        info.problem = QString::fromStdString(error.what());
    } catch (const std::filesystem::filesystem_error& error) {  // e.g. a folder that cannot be listed
        info.problem = path + QStringLiteral(": cannot be read (") + QString::fromStdString(error.code().message()) + ')';
    }
    return info;
}

}  // namespace m2ds
