#pragma once

#include "client/account.h"
#include "error.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Shop::Widgets {

class AppContext;
class Retranslator;

// Email, password, optionally "remember me", and "Forgot password?": signs in through the app's
// AuthSession and says what went wrong in words (wrong email or password, deactivated account,
// too many attempts, server unreachable). Both apps use it: the storefront in a dialog, the
// admin console as the page shown before the console.
class SignInForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInForm)

public:
    struct Options
    {
        bool offerRememberMe = true;
        bool offerForgotPassword = true;
    };

    SignInForm(AppContext &context, Options options, QWidget *parent = nullptr);

    void setEmail(const QString &email);
    [[nodiscard]] QString email() const;
    // A note above the fields ("Your session has ended. …"), or an error after a failure.
    void setMessage(const QString &text, bool isError = false);
    [[nodiscard]] QString message() const;
    void clearPassword();
    [[nodiscard]] bool isBusy() const { return m_busy; }
    void focusFirstEmpty();

    [[nodiscard]] QLineEdit *emailEdit() const { return m_email; }
    [[nodiscard]] QLineEdit *passwordEdit() const { return m_password; }
    [[nodiscard]] QCheckBox *rememberBox() const { return m_remember; }
    [[nodiscard]] QPushButton *signInButton() const { return m_signIn; }

    void submit();

Q_SIGNALS:
    void signedIn(const Shop::Client::User &user);
    void forgotPasswordRequested(const QString &email);

private:
    void setBusy(bool busy);
    void showError(const Error &error);
    void updateRememberMe();

    AppContext &m_context;
    Options m_options;
    QLabel *m_message;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QCheckBox *m_remember = nullptr;
    QLabel *m_rememberNote = nullptr;
    QPushButton *m_forgot;
    QPushButton *m_signIn;
    Retranslator *m_retranslator;
    bool m_busy = false;
};

} // namespace Shop::Widgets
