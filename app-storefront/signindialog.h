#pragma once

#include "client/account.h"

#include <QDialog>

namespace Shop::Widgets {
class AppContext;
class SignInForm;
} // namespace Shop::Widgets

namespace Shop::Storefront {

// Sign in: email, password, remember me, "Forgot password?" and "Create an account". Window
// modal over the page the customer is on, which stays as it is (also when a session has ended
// and the customer signs in again).
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    SignInDialog(Widgets::AppContext &context, QWidget *parent = nullptr);

    [[nodiscard]] Widgets::SignInForm *form() const { return m_form; }
    void setMessage(const QString &text);

Q_SIGNALS:
    void registerRequested();
    void forgotPasswordRequested(const QString &email);

private:
    Widgets::SignInForm *m_form;
};

} // namespace Shop::Storefront
