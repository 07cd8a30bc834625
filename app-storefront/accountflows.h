#pragma once

#include <QObject>
#include <QPointer>

class QWidget;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

class SignInDialog;

// The account dialogs and how one leads to the next: sign in ↔ create an account, "Forgot
// password?" → the reset code → sign in with the new password. Each dialog is window modal over
// `window` and leaves the page beneath as it is. When the server ends the session, the sign-in
// dialog comes up by itself with the last email filled in.
class AccountFlows final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountFlows)

public:
    AccountFlows(Widgets::AppContext &context, QWidget *window);

    // Opens the dialog (or raises the one already open).
    SignInDialog *signIn(const QString &message = {});
    void registerAccount();
    void forgotPassword(const QString &email);
    void resetPassword(const QString &token);
    // A shop://reset-password?token=... link (from the command line). False: not a link we know.
    bool openUrl(const QUrl &url);

    [[nodiscard]] SignInDialog *signInDialog() const;

private:
    Widgets::AppContext &m_context;
    QWidget *m_window;
    QPointer<SignInDialog> m_signIn;
};

} // namespace Shop::Storefront
