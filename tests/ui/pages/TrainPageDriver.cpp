#include "TrainPageDriver.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "pages/TrainPage.h"
#include "widgets/PathPicker.h"
#include "widgets/TrainForm.h"

namespace m2ds::test {

QLineEdit* lineEdit(TrainPage& page, const QString& field) {
    QWidget* widget = page.form()->field(field);
    if (auto* picker = qobject_cast<PathPicker*>(widget)) return picker->lineEdit();
    return qobject_cast<QLineEdit*>(widget);
}

QPushButton* button(TrainPage& page, const char* name) { return page.findChild<QPushButton*>(name); }

QString labelText(TrainPage& page, const char* name) { return page.findChild<QLabel*>(name)->text(); }

}  // namespace m2ds::test
