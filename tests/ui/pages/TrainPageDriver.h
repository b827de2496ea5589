#pragma once
// Finding the Train page's controls in tests, by field name or object name.
#include <QString>

class QLineEdit;
class QPushButton;

namespace m2ds {
class TrainPage;
}

namespace m2ds::test {
/// The line edit of a form field (the edit inside a PathPicker for paths).
QLineEdit* lineEdit(TrainPage& page, const QString& field);
/// The page's button with this object name.
QPushButton* button(TrainPage& page, const char* name);
/// The text of the page's label with this object name.
QString labelText(TrainPage& page, const char* name);
}  // namespace m2ds::test
