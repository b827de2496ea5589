#pragma once
#include <QString>
#include <exception>
#include <memory>

#include "views/ModelSummary.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;

/// A loaded checkpoint: the network, read-only and shared by the jobs that use it, and what the ui shows of it.
struct LoadedModel {
    std::shared_ptr<const M2dsModel> model;
    ModelSummary summary;
};

/// A JobQueue job: reads a checkpoint (official .pth or our .safetensors) into a model on the device asked for; a CUDA
/// device this LibTorch cannot use falls back to the CPU, and the summary says so.
class ModelLoadJob {
public:
    /// presetsDirectory: models/presets as installed (head counts for checkpoints that lack them); device: "cpu",
    /// "cuda" or "cuda:N".
    ModelLoadJob(QString path, QString presetsDirectory, QString device = QStringLiteral("cpu"))
        : path_(std::move(path)), presetsDirectory_(std::move(presetsDirectory)), device_(std::move(device)) {}

    /// Runs on a job thread; throws InputError naming the file and the problem.
    LoadedModel operator()(const ProgressMonitor& monitor) const;
    /// The message for an error operator() threw, naming the file.
    QString describeFailure(const std::exception& error) const;

private:
    QString path_;
    QString presetsDirectory_;
    QString device_;
};

}  // namespace m2ds
