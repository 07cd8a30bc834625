#pragma once

#include "widgets/fielderrors.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

// Create an account: name, email, password (twice), remember me. The server's field errors
// (password too short or too common, email taken or invalid, ...) appear at their fields.
class RegisterDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegisterDialog)

public:
    RegisterDialog(Widgets::AppContext &context, QWidget *parent = nullptr);

    [[nodiscard]] const Widgets::FieldErrors &fieldErrors() const { return m_errors; }
    [[nodiscard]] QString message() const;
    void submit();

Q_SIGNALS:
    void signInRequested();

private:
    void setBusy(bool busy);

    Widgets::AppContext &m_context;
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QCheckBox *m_remember;
    QLabel *m_message;
    QPushButton *m_create;
    Widgets::FieldErrors m_errors;
};

} // namespace Shop::Storefront
