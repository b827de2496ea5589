#pragma once
#include <QWidget>

class QLineEdit;

namespace m2ds {

/// A path field with "Folder…" and/or "File…" buttons that open the matching dialog (File… asks for a file to open,
/// SaveFile… for a file to write).
class PathPicker : public QWidget {
    Q_OBJECT
public:
    enum Choice { Folder = 1, File = 2, SaveFile = 4 };

    /// choices: Folder, File or SaveFile, or Folder with one of the others; fileFilter: the file dialog's filter.
    PathPicker(int choices, QString fileFilter, QWidget* parent = nullptr);

    QString path() const;
    void setPath(const QString& path);
    QLineEdit* lineEdit() const { return edit_; }
    /// Enables or disables the Folder…/File… buttons (the path can still be typed).
    void setBrowsingEnabled(bool enabled);

signals:
    /// The text changed (typing included).
    void pathChanged(const QString& path);
    /// A path was picked in a dialog, or typing finished.
    void pathChosen(const QString& path);

private:
    void chooseFolder();
    void chooseFile(bool save);

    QLineEdit* edit_;
    QString filter_;
};

}  // namespace m2ds
