// Masked reconstruction with the tiny official-layout checkpoint: patches in the model's token order, a readout
// fitted on the target encoder's latents, and the three images (model input with masked patches blank,
// reconstruction and target readout with visible patches as they are) with per-patch errors on masked patches only.
#include <QtTest>
#include <cmath>

#include "TinyModel.h"
#include "ModelFixtures.h"
#include "analysis/MaskedInspection.h"
#include "analysis/PatchReconstruction.h"
#include "analysis/ReadoutTraining.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "model/M2dsModel.h"

using namespace m2ds;

class TestPatchReconstruction : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        model_ = test::loadTinyModel();
        logMel_.resize(80 * kFrames);
        for (std::size_t mel = 0; mel < 80; ++mel)
            for (std::size_t t = 0; t < kFrames; ++t)
                logMel_[mel * kFrames + t] = float(std::sin(double(t) * 0.21 + double(mel) * 0.05) * 3.0 - 8.0 + 0.02 * double(mel));
    }

    void patchesFollowTheTokenOrder() {
        const ModelConfig& config = model_->config();  // 80x64 input, 80x2 patches: 1 row x 32 columns
        FloatArray input{{1, 1, 80, 64}, std::vector<float>(80 * 64)};
        for (std::size_t i = 0; i < input.values.size(); ++i) input.values[i] = float(i);
        const RowMatrix patches = PatchReconstruction::patches(input, config);
        QCOMPARE(patches.rows, std::size_t(32));
        QCOMPARE(patches.cols, std::size_t(160));
        QCOMPARE(patches.row(5)[0], float(5 * 2));           // mel 0, frame 10
        QCOMPARE(patches.row(5)[1], float(5 * 2 + 1));       // mel 0, frame 11
        QCOMPARE(patches.row(5)[2 * 3], float(3 * 64 + 10));  // mel 3, frame 10
    }

    void readoutFitsAndDrawsTheThreeImages() {
        const LinearReadout readout = ReadoutTraining::fit(*model_, {{logMel_.data(), 80, kFrames, 100.0}}, 0.6, ProgressMonitor());
        QCOMPARE(readout.inputDim(), std::size_t(model_->config().dim));
        QCOMPARE(readout.outputDim(), std::size_t(160));
        QVERIFY(readout.heldOutRows() > 0);
        QVERIFY(std::isfinite(readout.r2()));
        const MaskedInspection inspection(*model_, logMel_.data(), 80, kFrames, 100.0);
        const MaskedInspectionResult result = inspection.run(2, 0.6, 0.0, 10.0, 24, true);
        const PatchImages images = PatchReconstruction(model_->config(), inspection.geometry()).draw(result, &readout);
        QCOMPARE(images.frames, std::size_t(4 * 64));
        QCOMPARE(images.modelInput.size(), std::size_t(80 * 4 * 64));
        QCOMPARE(images.reconstruction.size(), images.modelInput.size());
        QCOMPARE(images.targetReadout.size(), images.modelInput.size());
        for (std::size_t index = 0; index < result.masked.size(); ++index) {
            const int chunk = int(index / 32), col = int(index % 32);
            const std::size_t frame = std::size_t(chunk) * 64 + std::size_t(col) * 2, at = 40 * images.frames + frame;  // mel 40
            if (inspection.geometry().isPadding(chunk, col)) {
                QVERIFY(std::isnan(images.reconstruction[at]));
                continue;
            }
            const bool masked = result.masked[index] != 0;
            QCOMPARE(std::isnan(images.modelInput[at]), masked);
            QCOMPARE(std::isnan(images.patchError[index]), !masked);
            QVERIFY(std::isfinite(images.reconstruction[at]) && std::isfinite(images.targetReadout[at]));
            if (!masked) QVERIFY(std::abs(images.reconstruction[at] - logMel_[40 * kFrames + frame]) < 1e-4);
        }
        QVERIFY(images.meanPatchError > 0.0f);
    }

    void shortRecordingsAreHeldOutToo() {
        QCOMPARE(ReadoutTraining::heldOutRun(60), std::size_t(3));     // 1.2 s of 80x2 patches
        QCOMPARE(ReadoutTraining::heldOutRun(10), std::size_t(1));
        QCOMPARE(ReadoutTraining::heldOutRun(100000), std::size_t(25));
        QVERIFY(ReadoutTraining::isHeldOut(12, 3) && !ReadoutTraining::isHeldOut(11, 3));
        const LinearReadout readout = ReadoutTraining::fit(*model_, {{logMel_.data(), 80, 120, 100.0}}, 0.6, ProgressMonitor());  // 1.2 s
        QVERIFY(readout.heldOutRows() > 0);
    }

    void withoutAReadoutOnlyTheModelInput() {
        const MaskedInspection inspection(*model_, logMel_.data(), 80, kFrames, 100.0);
        const PatchImages images = PatchReconstruction(model_->config(), inspection.geometry()).draw(inspection.run(2, 0.6, 0.0, 1.0, 24, true), nullptr);
        QCOMPARE(images.modelInput.size(), std::size_t(80 * 2 * 64));
        QVERIFY(images.reconstruction.empty());
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, PatchReconstruction(model_->config(), inspection.geometry()).draw(inspection.run(2, 0.6, 0.0, 1.0, 24), nullptr));
    }

private:
    static constexpr std::size_t kFrames = 230;
    std::unique_ptr<M2dsModel> model_;
    std::vector<float> logMel_;
};

QTEST_APPLESS_MAIN(TestPatchReconstruction)
#include "tst_PatchReconstruction.moc"
