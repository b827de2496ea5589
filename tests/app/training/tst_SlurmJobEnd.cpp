// SlurmJobEnd: how a SLURM run that its time limit ended is told, on job states and logs recorded from
// slurm-wlm 22.05.8 with --time=1 (1 minute): the generated --signal=INT@120 stopped m2ds 14–25 s in (the log
// ends "stopped" at a checkpoint, the job FAILED with exit 130); without it SIGTERM at the limit (74 s in: SLURM
// checks limits periodically) stopped it the same way (TIMEOUT); a process that did not stop was killed
// (TIMEOUT, exit 0:9, no "end"). And what is not the time limit: a stop the user asked for, a stop far from
// the limit, a run that finished, a job that failed. And a job that Stop cancelled while it was pending.
#include <QtTest>

#include "training/SlurmJobEnd.h"

using namespace m2ds;

namespace {

TrainingEnd logEnd(const QString& status, qint64 iteration) {
    TrainingEnd end;
    end.status = status;
    end.message = status == "stopped" ? "stopped on request" : "schedule complete";
    end.iteration = iteration;
    return end;
}

TrainingCheckpoint checkpoint(int epoch, qint64 iteration, const QString& name) { return {epoch, iteration, "/tmp/slexp/run1/" + name}; }

}  // namespace

class TestSlurmJobEnd : public QObject {
    Q_OBJECT
private slots:
    void theWarningSignalStoppedItAtACheckpoint() {
        const TrainingEnd stopped = logEnd("stopped", 525);
        const TrainingEnd end = SlurmJobEnd::describe(&stopped, SlurmJobState::parse("RUNNING|None|0:17|1:00"), 525,
                                                      checkpoint(104, 525, "checkpoint-104.safetensors"), false);
        QCOMPARE(end.status, QString("timeout"));
        QCOMPARE(end.iteration, 525);
        QCOMPARE(end.message, QString("Reached its time limit (1 min): stopped at iteration 525, checkpoint-104.safetensors saved. Resume continues from it."));
    }

    void sigtermAtTheLimitStoppedIt() {
        const TrainingEnd stopped = logEnd("stopped", 12861);
        const TrainingEnd end = SlurmJobEnd::describe(&stopped, SlurmJobState::parse("RUNNING|None|1:12|1:00"), 12861,
                                                      checkpoint(2572, 12861, "checkpoint-2572-it12861.safetensors"), false);
        QCOMPARE(end.status, QString("timeout"));
        QVERIFY2(end.message.contains("checkpoint-2572-it12861.safetensors saved"), qPrintable(end.message));
    }

    void stoppedWithoutSavingThere() {
        const TrainingEnd stopped = logEnd("stopped", 530);
        const TrainingEnd end = SlurmJobEnd::describe(&stopped, SlurmJobState::parse("COMPLETING|TimeLimit|1:14|1:00"), 530,
                                                      checkpoint(100, 505, "checkpoint-100.safetensors"), false);
        QCOMPARE(end.message, QString("Reached its time limit (1 min): stopped at iteration 530. Resume continues from checkpoint-100.safetensors (iteration 505)."));
    }

    void killedAtTheLimitBeforeItCouldSave() {
        const SlurmJobState timeout = SlurmJobState::parse("TIMEOUT|TimeLimit|00:01:14|00:01:00");  // scontrol, exit 0:9
        const TrainingEnd end = SlurmJobEnd::describe(nullptr, timeout, 830, checkpoint(80, 800, "checkpoint-80.safetensors"), false);
        QCOMPARE(end.status, QString("timeout"));
        QCOMPARE(end.iteration, 830);
        QCOMPARE(end.message, QString("Killed by SLURM at its time limit (1 min) at iteration 830, before it could stop and save. "
                                      "Resume continues from checkpoint-80.safetensors (iteration 800)."));
        const TrainingEnd early = SlurmJobEnd::describe(nullptr, timeout, -1, TrainingCheckpoint(), false);
        QCOMPARE(early.message, QString("Killed by SLURM at its time limit (1 min) before its first step, before it could stop and save. "
                                        "No checkpoint was saved, so Resume starts the run again from the beginning."));
    }

    void whatIsNotTheTimeLimit() {
        const TrainingEnd stopped = logEnd("stopped", 525);
        const TrainingCheckpoint saved = checkpoint(104, 525, "checkpoint-104.safetensors");
        const SlurmJobState running = SlurmJobState::parse("RUNNING|None|0:17|1:00");
        QCOMPARE(SlurmJobEnd::describe(&stopped, running, 525, saved, true).status, QString("stopped"));  // Stop was pressed
        const SlurmJobState farFromIt = SlurmJobState::parse("RUNNING|None|3:00:00|2-00:00:00");  // someone's scancel --signal=INT
        QCOMPARE(SlurmJobEnd::describe(&stopped, farFromIt, 525, saved, false).status, QString("stopped"));
        const SlurmJobState nearIt = SlurmJobState::parse("RUNNING|None|1-23:57:30|2-00:00:00");
        QCOMPARE(SlurmJobEnd::describe(&stopped, nearIt, 525, saved, false).status, QString("timeout"));
        const SlurmJobState noLimit = SlurmJobState::parse("RUNNING|None|0:17|UNLIMITED");
        QCOMPARE(SlurmJobEnd::describe(&stopped, noLimit, 525, saved, false).status, QString("stopped"));
        const TrainingEnd finished = logEnd("finished", 2000);
        QCOMPARE(SlurmJobEnd::describe(&finished, running, 2000, saved, false).status, QString("finished"));

        const TrainingEnd failed = SlurmJobEnd::describe(nullptr, SlurmJobState::parse("FAILED|NonZeroExitCode|00:00:19|00:01:00"), 40, saved, false);
        QCOMPARE(failed.status, QString("crashed"));
        QCOMPARE(failed.message, QString("SLURM: FAILED (NonZeroExitCode)."));
        const TrainingEnd gone = SlurmJobEnd::describe(nullptr, SlurmJobState::parse(""), 40, saved, true);
        QCOMPARE(gone.status, QString("stopped"));
        QVERIFY(gone.message.isEmpty());
    }

    void aStopWhilePendingCancelledIt() {
        const TrainingEnd first = SlurmJobEnd::cancelledWhilePending("12", -1, TrainingCheckpoint());  // the run's first job
        QCOMPARE(first.status, QString("cancelled"));
        QCOMPARE(first.iteration, -1);
        QCOMPARE(first.message, QString("Cancelled while pending: SLURM job 12 never started, nothing ran. Start or Resume launches it again."));
        const TrainingEnd resumed = SlurmJobEnd::cancelledWhilePending("13", 525, checkpoint(104, 525, "checkpoint-104.safetensors"));
        QCOMPARE(resumed.iteration, 525);
        QCOMPARE(resumed.message, QString("Cancelled while pending: SLURM job 13 never started, nothing ran. "
                                          "Resume continues from checkpoint-104.safetensors (iteration 525)."));
        const TrainingEnd unsaved = SlurmJobEnd::cancelledWhilePending("14", 40, TrainingCheckpoint());  // an earlier job ran, saved nothing
        QVERIFY2(unsaved.message.endsWith("nothing ran. No checkpoint was saved, so Resume starts the run again from the beginning."), qPrintable(unsaved.message));
    }

    void limitsAsPeopleReadThem() {
        QCOMPARE(SlurmJobEnd::formatLimit(60), QString("1 min"));
        QCOMPARE(SlurmJobEnd::formatLimit(90), QString("1 min 30 s"));
        QCOMPARE(SlurmJobEnd::formatLimit(5400), QString("1 h 30 min"));
        QCOMPARE(SlurmJobEnd::formatLimit(172800), QString("2 d"));
        QCOMPARE(SlurmJobEnd::formatLimit(0), QString("0 s"));
    }
};

QTEST_GUILESS_MAIN(TestSlurmJobEnd)
#include "tst_SlurmJobEnd.moc"
