// Labelled sets for probes: a folder per label, a CSV (quoted fields, groups, relative paths), labels from a path
// regex; the errors name the source (and the CSV line), a set needs two labels.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sstream>

#include "common/Errors.h"
#include "labels/LabelledSet.h"

using namespace m2ds;

namespace {

/// Writes `bytes` at dir/relative, creating folders; returns the absolute path. The set never opens the audio, so
/// empty ".wav" files do.
std::string write(const QTemporaryDir& dir, const QString& relative, const QByteArray& bytes = {}) {
    const QString path = dir.filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
    return QFileInfo(path).absoluteFilePath().toStdString();
}

std::vector<std::string> pathsOf(const LabelledSet& set) {
    std::vector<std::string> paths;
    for (const LabelledFile& file : set.files()) paths.push_back(file.path);
    return paths;
}

QString messageOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

}  // namespace

class TestLabelledSet : public QObject {
    Q_OBJECT
private slots:
    void folderPerLabel() {
        QTemporaryDir dir;
        const std::string yes = write(dir, "set/yes/a.wav"), deep = write(dir, "set/yes/speaker1/b.FLAC");
        const std::string no = write(dir, "set/no/c.ogg");
        write(dir, "set/no/notes.txt");
        write(dir, "set/loose.wav");  // not in a label folder
        const LabelledSet set = LabelledSet::fromFolder(dir.filePath("set").toStdString());
        QCOMPARE(pathsOf(set), (std::vector<std::string>{no, yes, deep}));
        QCOMPARE(set.labelNames(), (std::vector<std::string>{"no", "yes"}));
        QCOMPARE(set.labelIndices(), (std::vector<int>{0, 1, 1}));
        QVERIFY(!set.hasGroups());
        QVERIFY(set.groupIndices().empty());
        QCOMPARE(set.skippedByRegex(), std::size_t(0));
        QCOMPARE(LabelledSet::open(dir.filePath("set").toStdString()).files().size(), std::size_t(3));
    }

    void csvWithQuotesGroupsAndRelativePaths() {
        QTemporaryDir dir;
        const std::string absolute = write(dir, "elsewhere/x.wav");
        const std::string csv = write(dir, "lists/set.csv",
                                      "\xEF\xBB\xBF" "file, label ,group\r\n"
                                      "\"a, b.wav\",\"say \"\"hi\"\"\",s1\r\n"
                                      "\r\n" +
                                          QByteArray::fromStdString(absolute) + ",calm,s2\n"
                                                                                "sub/c.wav,calm,s1\n");
        const LabelledSet set = LabelledSet::open(csv);
        QCOMPARE(set.files().size(), std::size_t(3));
        QCOMPARE(set.files()[0].path, QDir(dir.filePath("lists")).absoluteFilePath("a, b.wav").toStdString());
        QCOMPARE(set.files()[0].label, std::string("say \"hi\""));
        QCOMPARE(set.files()[1].path, absolute);
        QCOMPARE(set.files()[2].path, QDir(dir.filePath("lists")).absoluteFilePath("sub/c.wav").toStdString());
        QCOMPARE(set.labelNames(), (std::vector<std::string>{"calm", "say \"hi\""}));
        QCOMPARE(set.labelIndices(), (std::vector<int>{1, 0, 0}));
        QVERIFY(set.hasGroups());
        QCOMPARE(set.groupNames(), (std::vector<std::string>{"s1", "s2"}));
        QCOMPARE(set.groupIndices(), (std::vector<int>{0, 1, 0}));

        const std::string speakers = write(dir, "speakers.csv", "speaker,file,label\nA,a.wav,x\nB,b.wav,y\n");
        QCOMPARE(LabelledSet::fromCsv(speakers, "speaker").groupIndices(), (std::vector<int>{0, 1}));
        QVERIFY(!LabelledSet::fromCsv(speakers).hasGroups());  // no "group" column and none named
    }

    void csvErrorsNameTheFileAndLine() {
        QTemporaryDir dir;
        const std::string noFile = write(dir, "nofile.csv", "path,label\na.wav,x\n");
        QCOMPARE(messageOf([&] { LabelledSet::fromCsv(noFile); }), QString::fromStdString(noFile + ":1: the header has no 'file' column (it has path, label)"));
        const std::string shortRow = write(dir, "short.csv", "file,label,group\na.wav,x,g\nb.wav,y\n");
        QVERIFY2(messageOf([&] { LabelledSet::fromCsv(shortRow); }).startsWith(QString::fromStdString(shortRow + ":3: 2 fields")),
                 qPrintable(messageOf([&] { LabelledSet::fromCsv(shortRow); })));
        const std::string emptyLabel = write(dir, "empty.csv", "file,label\na.wav,x\nb.wav,\n");
        QCOMPARE(messageOf([&] { LabelledSet::fromCsv(emptyLabel); }), QString::fromStdString(emptyLabel + ":3: the label field is empty"));
        const std::string speakers = write(dir, "speakers.csv", "file,label\na.wav,x\nb.wav,y\n");
        QVERIFY(messageOf([&] { LabelledSet::fromCsv(speakers, "speaker"); }).contains(":1: the header has no group column 'speaker'"));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, LabelledSet::open(speakers, "(x)"));
        QVERIFY_THROWS_EXCEPTION(InputError, LabelledSet::fromCsv(dir.filePath("missing.csv").toStdString()));
    }

    void csvTextInErrorsIsEscapedAndShort() {
        // Found by fuzz_labelled_set: the header and the labels came back raw and whole. Read from memory here.
        std::string header;
        for (int i = 0; i < 300; ++i) header += (i ? ",\x1b" : "\x1b") + std::to_string(i);
        std::istringstream wide(header + "\n");
        const QString message = messageOf([&] { LabelledSet::fromCsv(wide, "upload.csv"); });
        QVERIFY2(message.startsWith("upload.csv:1: the header has no 'file' column") && !message.contains('\x1b') && message.size() < 400,
                 qPrintable(message));
        std::istringstream oneLabel("file,label\na.wav,\x1b[2J\nb.wav,\x1b[2J\n");
        QVERIFY(messageOf([&] { LabelledSet::fromCsv(oneLabel, "upload.csv"); }).contains("only one label '\\x1b[2J'"));
    }

    void oneLabelOrNoFilesIsAnError() {
        QTemporaryDir dir;
        const std::string csv = write(dir, "one.csv", "file,label\na.wav,dog\nb.wav,dog\n");
        QCOMPARE(messageOf([&] { LabelledSet::fromCsv(csv); }), QString::fromStdString(csv + ": only one label 'dog': a probe needs at least two"));
        write(dir, "folder/dog/a.wav");
        QVERIFY(messageOf([&] { LabelledSet::fromFolder(dir.filePath("folder").toStdString()); }).contains("only one label 'dog'"));
        QDir().mkpath(dir.filePath("empty/dog"));
        QVERIFY(messageOf([&] { LabelledSet::fromFolder(dir.filePath("empty").toStdString()); }).contains("holds no audio files"));
        QVERIFY(messageOf([&] { LabelledSet::open(dir.filePath("nowhere").toStdString()); }).contains("no such file or folder"));
    }

    void labelsFromARegex() {
        QTemporaryDir dir;
        write(dir, "corpus/spk1/happy_01.wav");
        write(dir, "corpus/spk1/sad_02.wav");
        write(dir, "corpus/spk2/happy_03.wav");
        write(dir, "corpus/spk2/readme.wav");  // does not match
        const std::string root = dir.filePath("corpus").toStdString();
        const LabelledSet set = LabelledSet::open(root, "/([a-z]+)_\\d+\\.wav$");
        QCOMPARE(set.labelNames(), (std::vector<std::string>{"happy", "sad"}));
        QCOMPARE(set.labelIndices(), (std::vector<int>{0, 1, 0}));
        QCOMPARE(set.skippedByRegex(), std::size_t(1));
        QCOMPARE(LabelledSet::fromRegex(root, "^(spk\\d)/").labelNames(), (std::vector<std::string>{"spk1", "spk2"}));  // relative path

        const std::string list = write(dir, "list.txt", "corpus/spk1/happy_01.wav\r\n\nnowhere/angry_09.wav\n");
        const LabelledSet listed = LabelledSet::open(list, "([a-z]+)_\\d+");
        QCOMPARE(listed.files()[1].path, QDir(dir.path()).absoluteFilePath("nowhere/angry_09.wav").toStdString());
        QCOMPARE(listed.labelNames(), (std::vector<std::string>{"angry", "happy"}));

        QVERIFY_THROWS_EXCEPTION(InvalidArgument, LabelledSet::fromRegex(root, "[a-z]+"));  // no capture group
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, LabelledSet::fromRegex(root, "(unclosed"));
        QVERIFY(messageOf([&] { LabelledSet::fromRegex(root, "(zzz)"); }).contains("none of its 4 files matches"));
    }

    void subsetKeepsTheChosenFiles() {
        QTemporaryDir dir;
        const std::string csv = write(dir, "set.csv", "file,label,group\na.wav,x,g1\nb.wav,y,g2\nc.wav,x,g3\nd.wav,z,g1\n");
        const LabelledSet set = LabelledSet::fromCsv(csv);
        const LabelledSet kept = set.subset({3, 0});
        QCOMPARE(kept.labelNames(), (std::vector<std::string>{"x", "z"}));
        QCOMPARE(kept.labelIndices(), (std::vector<int>{1, 0}));
        QCOMPARE(kept.groupIndices(), (std::vector<int>{0, 0}));
        QCOMPARE(kept.source(), csv);
        QVERIFY_THROWS_EXCEPTION(InputError, set.subset({0, 2}));  // one label left
        QVERIFY_THROWS_EXCEPTION(InputError, set.subset({}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, set.subset({0, 4}));
    }
};

QTEST_GUILESS_MAIN(TestLabelledSet)
#include "tst_LabelledSet.moc"
