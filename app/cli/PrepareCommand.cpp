#include "cli/PrepareCommand.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/DataDirectory.h"
#include "cli/ExitCode.h"
#include "cli/JobPreparation.h"
#include "cluster/ClusterCollective.h"
#include "data/CorpusPreparer.h"
#include "data/DataSourceList.h"
#include "data/teachers/TeacherFactory.h"
#include "model/M2dsModel.h"
#include "train/DistributedEnvironment.h"

namespace m2ds::cli {

CLI::App* PrepareCommand::addTo(CLI::App& app) {
    CLI::App* prepare = app.add_subcommand("prepare", "Compute log-mels (+ teacher targets) of a data source once, for m2ds train");
    prepare->add_option("SOURCE", source, "Folder, M2D .csv or fairseq .tsv of recordings")->required();
    prepare->add_option("-o,--output", output, "Output folder (.npz/.npy files + files.csv)")->required();
    prepare->add_flag("--noise", noise, "A noise set: log-mel .npy only, no padding, no teacher");
    prepare->add_option("--teacher", teacher, "mfcc | npy[:FOLDER] | model:CKPT[:LAYER] | hubert:HF_DIR[:LAYER] (official: layer 9) | none")->capture_default_str();
    prepare->add_option("--pad_seconds", padSeconds, "Zero-pad speech to at least this long")->capture_default_str();
    prepare->add_option("--mfcc_coefficients", mfccCoefficients)->capture_default_str();
    prepare->add_option("--workers", workers, "Recordings prepared at once")->capture_default_str();
    prepare->add_option("--device", device, "Where a HuBERT / M2D teacher runs: auto (CUDA when there is one, cuda:LOCAL_RANK under torchrun) | cpu | cuda | cuda:N")
        ->capture_default_str();
    prepare->add_option("--teacher_batch", teacherBatch, "Recordings per HuBERT teacher pass, grouped by length (0: 16 on CUDA, 1 on the CPU)")
        ->capture_default_str()
        ->check(CLI::Range(0, 1024));
    prepare->add_option("--teacher_dtype", teacherDtype,
                        "What a HuBERT teacher computes in: float32 (the official features) | bfloat16 (~2 % off, faster on GPUs)")
        ->check(CLI::IsMember({"float32", "bfloat16"}))->capture_default_str();
    return prepare;
}

int PrepareCommand::run(const CommandContext& context) const {
    if (teacherDtype != "float32" && (noise || teacher.rfind("hubert:", 0) != 0)) {
        context.err << "m2ds prepare: --teacher_dtype " << teacherDtype << " is for a HuBERT teacher (--teacher hubert:DIR); "
                    << (noise ? std::string("a noise set has no teacher") : "this teacher is " + teacher) << '\n';
        return kUsageError;
    }
    const auto recordings = DataSourceList::resolve(source);
    M2dsModel::setComputeThreads(context.threads);  // a model teacher's LibTorch threads
    const TeacherRuntime runtime{DistributedEnvironment::fromEnvironment().deviceFor(device), teacherBatch, precisionNamed(teacherDtype)};
    const auto teacherFeatures = noise ? nullptr : makeTeacher(teacher, mfccCoefficients, bundledPresets(), runtime);
    PreparationSettings settings;
    settings.speech = !noise;
    settings.padSeconds = padSeconds;
    settings.threads = workers;
    const CorpusPreparer preparer(FrontEndConfig{}, teacherFeatures.get(), settings);
    const std::unique_ptr<ClusterCollective> job = ClusterCollective::fromEnvironment();  // launched by torchrun
    const ProgressMonitor progress = context.progress("prepare");
    const PreparedSet result = job ? prepareAcrossJob(preparer, recordings, output, *job, progress) : preparer.prepare(recordings, output, progress);
    if (job && job->rank() != 0) {
        context.out << "rank " << job->rank() << " of " << job->worldSize() << ": " << result.files.size() << " prepared (" << result.reused
                    << " already there), " << result.skipped.size() << " skipped; rank 0 writes files.csv\n";
        return kSuccess;
    }
    context.out << result.files.size() << " prepared (" << result.reused << " already there), " << result.skipped.size() << " skipped\n";
    for (const auto& line : result.skipped) context.err << "m2ds prepare: skipped " << line << '\n';
    return kSuccess;
}

}  // namespace m2ds::cli
