#include "accountflows.h"

#include "client/authsession.h"
#include "forgotpassworddialog.h"
#include "registerdialog.h"
#include "resetpassworddialog.h"
#include "signindialog.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"

#include <QUrl>

namespace Shop::Storefront {

namespace {

template<typename Dialog>
Dialog *openDialog(Dialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
    return dialog;
}

} // namespace

AccountFlows::AccountFlows(Widgets::AppContext &context, QWidget *window)
    : QObject(window)
    , m_context(context)
    , m_window(window)
{
    connect(context.session(), &Client::AuthSession::sessionExpired, this, [this] {
        signIn(tr("Your session has ended. Sign in again to go on where you were."));
    });
}

SignInDialog *AccountFlows::signInDialog() const
{
    return m_signIn;
}

SignInDialog *AccountFlows::signIn(const QString &message)
{
    if (m_signIn) {
        if (!message.isEmpty()) {
            m_signIn->setMessage(message);
        }
        m_signIn->raise();
        m_signIn->activateWindow();
        return m_signIn;
    }
    auto *dialog = new SignInDialog(m_context, m_window);
    if (const QString email = m_context.session()->lastEmail(); !email.isEmpty()) {
        dialog->form()->setEmail(email);
    }
    dialog->setMessage(message);
    dialog->form()->focusFirstEmpty();
    connect(dialog, &SignInDialog::registerRequested, this, &AccountFlows::registerAccount,
            Qt::QueuedConnection);
    connect(dialog, &SignInDialog::forgotPasswordRequested, this, &AccountFlows::forgotPassword,
            Qt::QueuedConnection);
    m_signIn = openDialog(dialog);
    return dialog;
}

void AccountFlows::registerAccount()
{
    auto *dialog = new RegisterDialog(m_context, m_window);
    connect(
        dialog, &RegisterDialog::signInRequested, this, [this] { signIn(); }, Qt::QueuedConnection);
    openDialog(dialog);
}

void AccountFlows::forgotPassword(const QString &email)
{
    auto *dialog = new ForgotPasswordDialog(m_context, email, m_window);
    connect(
        dialog, &ForgotPasswordDialog::resetRequested, this, [this] { resetPassword(QString()); },
        Qt::QueuedConnection);
    openDialog(dialog);
}

void AccountFlows::resetPassword(const QString &token)
{
    auto *dialog = new ResetPasswordDialog(m_context, token, m_window);
    connect(
        dialog, &ResetPasswordDialog::passwordReset, this,
        [this] {
            // Every session of the account has ended, this one too.
            if (m_context.session()->isSignedIn()) {
                m_context.session()->signOut();
            }
            signIn(tr("Your password was changed. Sign in with the new password."));
        },
        Qt::QueuedConnection);
    openDialog(dialog);
}

bool AccountFlows::openUrl(const QUrl &url)
{
    const QString token = ResetPasswordDialog::tokenFromUrl(url);
    if (token.isEmpty()) {
        return false;
    }
    resetPassword(token);
    return true;
}

} // namespace Shop::Storefront
