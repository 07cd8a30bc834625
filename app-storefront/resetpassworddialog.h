#pragma once

#include "widgets/fielderrors.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

// Choose a new password with the code from the reset email: pasted by hand, or filled in from a
// shop://reset-password?token=... link that started the app.
class ResetPasswordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResetPasswordDialog)

public:
    ResetPasswordDialog(Widgets::AppContext &context, const QString &token,
                        QWidget *parent = nullptr);

    // The token of a shop://reset-password?token=... (or https://.../reset-password?token=...)
    // link, or empty when `url` is not such a link.
    [[nodiscard]] static QString tokenFromUrl(const QUrl &url);

    [[nodiscard]] const Widgets::FieldErrors &fieldErrors() const { return m_errors; }
    void submit();

Q_SIGNALS:
    // The password was changed; every session of the account has ended.
    void passwordReset();

private:
    Widgets::AppContext &m_context;
    QLineEdit *m_token;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_message;
    QPushButton *m_save;
    Widgets::FieldErrors m_errors;
};

} // namespace Shop::Storefront
