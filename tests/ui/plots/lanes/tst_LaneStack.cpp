// The lane stack with stand-in lanes: lanes appear in order, can be hidden, shown and reordered, a lane without
// content stays out; zoom, pan and a drag that starts in a lower lane keep every lane on the same time range; a
// click anywhere moves the one play cursor and is described by the lane and its overlays.
#include <QSignalSpy>
#include <QtTest>
#include <qcustomplot.h>

#include "SyntheticRecordings.h"
#include "plots/lanes/LaneStack.h"

using namespace m2ds;

namespace {

/// Draws nothing; remembers what the stack asked of it.
class ProbeLane : public Lane {
public:
    explicit ProbeLane(QString id) : id_(std::move(id)) {}
    QString id() const override { return id_; }
    QString title() const override { return id_.toUpper(); }
    void attach(QCPAxisRect* rect) override { rect->axis(QCPAxis::atLeft)->setRange(0.0, 1.0); }
    void setRecording(const RecordingDataPtr& recording) override { hasRecording = bool(recording); }
    bool hasContent() const override { return content; }
    void draw(const TimeWindow& window) override {
        last = window;
        ++draws;
    }
    QString readout(double seconds, double) const override { return QStringLiteral("%1 at %2").arg(id_).arg(seconds, 0, 'f', 1); }
    QString describeClick(double, double) const override { return QStringLiteral("%1 clicked").arg(id_); }

    bool content = true;
    bool hasRecording = false;
    TimeWindow last;
    int draws = 0;

private:
    QString id_;
};

class ProbeOverlay : public LaneOverlay {
public:
    void attach(QCPAxisRect*) override {}
    void setRecording(const RecordingDataPtr&) override {}
    void draw(const TimeWindow&) override { ++draws; }
    QString describeAt(double, double) const override { return QStringLiteral("and the overlay"); }
    int draws = 0;
};

void sendMouse(QWidget* widget, QEvent::Type type, const QPoint& position, Qt::MouseButtons buttons) {
    QMouseEvent event(type, QPointF(position), widget->mapToGlobal(QPointF(position)), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

}  // namespace

class TestLaneStack : public QObject {
    Q_OBJECT
private slots:
    void init() {
        stack_ = std::make_unique<LaneStack>();
        stack_->resize(900, 600);
        for (const char* id : {"a", "b", "c"}) lanes_ << static_cast<ProbeLane*>(stack_->addLane(std::make_unique<ProbeLane>(id)));
        overlay_ = static_cast<ProbeOverlay*>(stack_->addOverlay("c", std::make_unique<ProbeOverlay>()));
        stack_->show();
        QVERIFY(QTest::qWaitForWindowExposed(stack_.get()));
        stack_->setRecording(test::silentRecording(60.0));
    }
    void cleanup() {
        stack_.reset();
        lanes_.clear();
    }

    void lanesAreShownHiddenAndReordered() {
        QSignalSpy changed(stack_.get(), &LaneStack::lanesChanged);
        QVERIFY(lanes_[0]->hasRecording);
        QCOMPARE(stack_->visibleLanes(), (QStringList{"a", "b", "c"}));
        QVERIFY(timeLabelsOnlyOn("c"));
        stack_->setLaneShown("b", false);
        QCOMPARE(stack_->visibleLanes(), (QStringList{"a", "c"}));
        QVERIFY(!stack_->laneRect("b")->visible());
        QVERIFY(stack_->laneRect("b")->layout() == nullptr);
        QVERIFY(!stack_->isLaneShown("b"));
        stack_->moveLane("c", 0);
        QCOMPARE(stack_->laneOrder(), (QStringList{"c", "a", "b"}));
        QCOMPARE(stack_->visibleLanes(), (QStringList{"c", "a"}));
        QVERIFY(timeLabelsOnlyOn("a"));
        QVERIFY(stack_->laneRect("c")->rect().bottom() < stack_->laneRect("a")->rect().top());
        stack_->setLaneShown("b", true);
        QCOMPARE(stack_->visibleLanes(), (QStringList{"c", "a", "b"}));
        QCOMPARE(changed.count(), 3);

        lanes_[1]->content = false;  // a lane with nothing to show stays out, keeping the user's choice
        stack_->refresh();
        QCOMPARE(stack_->visibleLanes(), (QStringList{"c", "a"}));
        QVERIFY(stack_->isLaneShown("b"));
        lanes_[1]->content = true;
        stack_->refresh();
        QCOMPARE(stack_->visibleLanes(), (QStringList{"c", "a", "b"}));
    }

    void theLaneMenuTogglesAndMovesLanes() {
        QMenu menu;
        stack_->populateLaneMenu(&menu, "b");
        QList<QAction*> actions = menu.actions();
        QCOMPARE(actions.size(), 6);  // up, down, separator, a, b, c
        actions[0]->trigger();        // Move Lane Up
        QCOMPARE(stack_->laneOrder(), (QStringList{"b", "a", "c"}));
        actions[5]->trigger();  // uncheck C
        QCOMPARE(stack_->visibleLanes(), (QStringList{"b", "a"}));
    }

    void zoomAndPanKeepEveryLaneOnOneRange() {
        stack_->zoomBy(4.0);
        QVERIFY(qAbs(stack_->visibleBegin() - 22.5) < 1e-9 && qAbs(stack_->visibleEnd() - 37.5) < 1e-9);
        QVERIFY(allLanesShowTheStacksRange());
        stack_->panBy(-0.5);
        QVERIFY(qAbs(stack_->visibleBegin() - 15.0) < 1e-9);
        QVERIFY(allLanesShowTheStacksRange());
        for (ProbeLane* lane : lanes_) {
            QCOMPARE(lane->last.begin, stack_->visibleBegin());
            QCOMPARE(lane->last.end, stack_->visibleEnd());
            QVERIFY(lane->last.columns > 100 && lane->last.columns <= stack_->width());
            QCOMPARE(lane->last.columns, lanes_[0]->last.columns);
        }
        QVERIFY(overlay_->draws > 0);
    }

    void aDragStartingInTheLowestLaneMovesEveryLane() {
        stack_->zoomBy(4.0);
        const double begin = stack_->visibleBegin();
        QCustomPlot* plot = stack_->customPlot();
        const QPoint start = stack_->laneRect("c")->rect().center();
        sendMouse(plot, QEvent::MouseButtonPress, start, Qt::LeftButton);
        sendMouse(plot, QEvent::MouseMove, start + QPoint(-100, 0), Qt::LeftButton);
        sendMouse(plot, QEvent::MouseMove, start + QPoint(-200, 0), Qt::LeftButton);
        sendMouse(plot, QEvent::MouseButtonRelease, start + QPoint(-200, 0), Qt::NoButton);
        QVERIFY2(stack_->visibleBegin() > begin + 1.0, qPrintable(QString::number(stack_->visibleBegin())));
        QVERIFY(qAbs((stack_->visibleEnd() - stack_->visibleBegin()) - 15.0) < 1e-6);
        QVERIFY(allLanesShowTheStacksRange());
        QCOMPARE(lanes_[0]->last.begin, stack_->visibleBegin());
    }

    void aClickMovesTheCursorInEveryLaneAndIsDescribed() {
        QSignalSpy clicked(stack_.get(), &LaneStack::laneClicked);
        QSignalSpy position(stack_.get(), &LaneStack::positionClicked);
        QSignalSpy readout(stack_.get(), &LaneStack::readoutChanged);
        QCustomPlot* plot = stack_->customPlot();
        const QPoint inC = stack_->laneRect("c")->rect().center();
        QTest::mouseMove(plot, inC);
        QTRY_VERIFY(!readout.isEmpty());
        QVERIFY2(readout.last().first().toString().startsWith("c at 30"), qPrintable(readout.last().first().toString()));
        QTest::mouseClick(plot, Qt::LeftButton, {}, inC);
        QCOMPARE(position.count(), 1);
        QVERIFY(qAbs(stack_->playPosition() - 30.0) < 0.2);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toString(), QString("c"));
        QCOMPARE(clicked.first().at(1).toString(), QString("c clicked and the overlay"));
        int cursors = 0;
        for (QCPAbstractItem* item : itemsOf(plot)) {
            auto* line = qobject_cast<QCPItemStraightLine*>(item);
            if (!line || !line->visible()) continue;
            QCOMPARE(line->point1->coords().x(), stack_->playPosition());
            ++cursors;
        }
        QCOMPARE(cursors, 3);
    }

private:
    static QList<QCPAbstractItem*> itemsOf(QCustomPlot* plot) {
        QList<QCPAbstractItem*> items;
        for (int i = 0; i < plot->itemCount(); ++i) items << plot->item(i);
        return items;
    }
    bool allLanesShowTheStacksRange() const {
        for (const QString& id : stack_->laneOrder()) {
            const QCPRange range = stack_->laneRect(id)->axis(QCPAxis::atBottom)->range();
            if (qAbs(range.lower - stack_->visibleBegin()) > 1e-9 || qAbs(range.upper - stack_->visibleEnd()) > 1e-9) return false;
        }
        return true;
    }
    bool timeLabelsOnlyOn(const QString& bottom) const {
        for (const QString& id : stack_->laneOrder())
            if (stack_->laneRect(id)->axis(QCPAxis::atBottom)->tickLabels() != (id == bottom)) return false;
        return true;
    }

    std::unique_ptr<LaneStack> stack_;
    QList<ProbeLane*> lanes_;
    ProbeOverlay* overlay_ = nullptr;
};

QTEST_MAIN(TestLaneStack)
#include "tst_LaneStack.moc"
