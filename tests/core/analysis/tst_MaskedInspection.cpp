// The Inspect computation with the tiny official-layout checkpoint: mask counts per model input, per-patch losses
// on masked tokens only, the offline head's shape, and masks that stay put while the view scrolls.
#include <QtTest>
#include <cmath>

#include "TinyModel.h"
#include "ModelFixtures.h"
#include "analysis/MaskedInspection.h"
#include "common/Errors.h"
#include "model/M2dsModel.h"

using namespace m2ds;

class TestMaskedInspection : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        model_ = test::loadTinyModel();
        logMel_ = test::wavyLogMel(kFrames);
    }

    void masksScoresAndOfflineOutputHaveTheModelsShape() {
        const MaskedInspection inspection(*model_, logMel_.data(), 80, kFrames, 100.0);
        const MaskedInspectionResult result = inspection.run(7, 0.6, 0.0, 10.0, 24);
        QCOMPARE(result.chunks.first, 0);
        QCOMPARE(result.chunks.count, 4);  // ceil(230 / 64)
        QCOMPARE(result.masked.size(), std::size_t(4 * 32));
        for (int chunk = 0; chunk < 4; ++chunk)
            QCOMPARE(int(std::count(result.masked.begin() + chunk * 32, result.masked.begin() + (chunk + 1) * 32, 1)), 20);
        const InspectionGeometry& geometry = inspection.geometry();
        for (std::size_t i = 0; i < result.masked.size(); ++i) {
            const bool padding = geometry.isPadding(int(i / 32), int(i % 32));
            QCOMPARE(std::isnan(result.tokenLoss[i]), !result.masked[i] || padding);
        }
        QVERIFY(result.meanLoss > 0.0f && result.meanLoss < 4.0f);
        QCOMPARE(result.offlineDim, 40);
        QCOMPARE(result.offline.size(), std::size_t(4 * 32 * 40));
    }

    void aChunkKeepsItsMaskWhenTheViewScrolls() {
        const MaskedInspection inspection(*model_, logMel_.data(), 80, kFrames, 100.0);
        const MaskedInspectionResult whole = inspection.run(3, 0.6, 0.0, 10.0, 24);
        const MaskedInspectionResult later = inspection.run(3, 0.6, 1.3, 1.9, 24);  // frames 130..190: chunk 2
        QCOMPARE(later.chunks.first, 2);
        QCOMPARE(later.chunks.count, 1);
        QVERIFY(std::equal(later.masked.begin(), later.masked.end(), whole.masked.begin() + 2 * 32));
    }

    void rejectsARecordingWithOtherMelBins() {
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, MaskedInspection(*model_, logMel_.data(), 64, kFrames, 100.0));
    }

private:
    static constexpr std::size_t kFrames = 230;
    std::unique_ptr<M2dsModel> model_;
    std::vector<float> logMel_;
};

QTEST_APPLESS_MAIN(TestMaskedInspection)
#include "tst_MaskedInspection.moc"
