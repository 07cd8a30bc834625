#pragma once

#include "client/account.h"

#include <QWidget>

class QLabel;

namespace Shop::Widgets {
class AppContext;
class SignInForm;
} // namespace Shop::Widgets

namespace Shop::Admin {

// What the console shows until a staff member signs in: the sign-in form, and why it is shown
// (signed out, session ended, signed out after inactivity). An account without the admin role
// is signed out again at once with "This account is not a staff account".
class SignInPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInPage)

public:
    explicit SignInPage(Widgets::AppContext &context, QWidget *parent = nullptr);

    [[nodiscard]] Widgets::SignInForm *form() const { return m_form; }
    void setMessage(const QString &text, bool isError = false);

Q_SIGNALS:
    void staffSignedIn(const Shop::Client::User &user);

private:
    Widgets::AppContext &m_context;
    QLabel *m_title;
    Widgets::SignInForm *m_form;
};

} // namespace Shop::Admin
