#include "widgets/signinform.h"

#include "client/authsession.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Shop::Widgets {

SignInForm::SignInForm(AppContext &context, Options options, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_options(options)
    , m_message(new QLabel(this))
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_forgot(new QPushButton(this))
    , m_signIn(new QPushButton(this))
    , m_retranslator(new Retranslator(this))
{
    setObjectName(QStringLiteral("signInForm"));
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly | Qt::ImhNoAutoUppercase);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_forgot->setObjectName(QStringLiteral("forgotPassword"));
    m_forgot->setFlat(true);
    m_forgot->setCursor(Qt::PointingHandCursor);
    m_forgot->setVisible(m_options.offerForgotPassword);
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setDefault(true);
    m_signIn->setAutoDefault(true);

    auto *form = new QFormLayout;
    auto *emailLabel = new QLabel(this);
    auto *passwordLabel = new QLabel(this);
    emailLabel->setBuddy(m_email);
    passwordLabel->setBuddy(m_password);
    form->addRow(emailLabel, m_email);
    form->addRow(passwordLabel, m_password);
    if (m_options.offerRememberMe) {
        m_remember = new QCheckBox(this);
        m_remember->setObjectName(QStringLiteral("rememberMe"));
        m_rememberNote = new QLabel(this);
        m_rememberNote->setObjectName(QStringLiteral("rememberMeNote"));
        m_rememberNote->setWordWrap(true);
        m_rememberNote->setVisible(false);
        form->addRow(QString(), m_remember);
        form->addRow(QString(), m_rememberNote);
    }

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_forgot);
    buttons->addStretch(1);
    buttons->addWidget(m_signIn);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addLayout(buttons);

    m_retranslator->add([this, emailLabel, passwordLabel] {
        emailLabel->setText(tr("&Email:"));
        passwordLabel->setText(tr("&Password:"));
        m_email->setPlaceholderText(tr("name@example.com"));
        m_forgot->setText(tr("Forgot password?"));
        m_signIn->setText(tr("Sign In"));
        if (m_remember) {
            m_remember->setText(tr("&Remember me on this computer"));
            m_remember->setToolTip(
                tr("Keeps you signed in after the app quits, in the system keychain."));
        }
        updateRememberMe();
    });

    connect(m_signIn, &QPushButton::clicked, this, &SignInForm::submit);
    connect(m_email, &QLineEdit::returnPressed, this, [this] { m_password->setFocus(); });
    connect(m_password, &QLineEdit::returnPressed, this, &SignInForm::submit);
    connect(m_forgot, &QPushButton::clicked, this,
            [this] { Q_EMIT forgotPasswordRequested(email()); });
    connect(context.session(), &Client::AuthSession::keychainUnavailable, this,
            &SignInForm::updateRememberMe);
    setEmail(context.settings().lastEmail());
}

void SignInForm::updateRememberMe()
{
    if (!m_remember) {
        return;
    }
    const bool available = m_context.session()->keychainAvailable();
    m_remember->setEnabled(available);
    if (!available) {
        m_remember->setChecked(false);
        m_rememberNote->setText(tr("The system keychain is not available, so you stay signed in "
                                   "only until the app quits."));
    }
    m_rememberNote->setVisible(!available);
}

void SignInForm::setEmail(const QString &email)
{
    m_email->setText(email);
}

QString SignInForm::email() const
{
    return m_email->text().trimmed();
}

void SignInForm::setMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #c62828;") : QString());
    m_message->setVisible(!text.isEmpty());
}

QString SignInForm::message() const
{
    return m_message->text();
}

void SignInForm::clearPassword()
{
    m_password->clear();
}

void SignInForm::focusFirstEmpty()
{
    (m_email->text().isEmpty() ? m_email : m_password)->setFocus(Qt::OtherFocusReason);
}

void SignInForm::setBusy(bool busy)
{
    m_busy = busy;
    m_signIn->setEnabled(!busy);
    m_email->setReadOnly(busy);
    m_password->setReadOnly(busy);
}

void SignInForm::submit()
{
    if (m_busy) {
        return;
    }
    if (email().isEmpty() || m_password->text().isEmpty()) {
        setMessage(tr("Enter your email address and your password."), true);
        focusFirstEmpty();
        return;
    }
    setBusy(true);
    setMessage(tr("Signing in …"));
    const bool remember = m_remember && m_remember->isChecked();
    m_context.session()->signIn(email(), m_password->text(), remember, this,
                                [this](Result<Client::User> user) {
                                    setBusy(false);
                                    if (!user) {
                                        showError(user.error());
                                        return;
                                    }
                                    setMessage(QString());
                                    m_password->clear();
                                    m_context.settings().setLastEmail(user->email);
                                    Q_EMIT signedIn(*user);
                                });
}

void SignInForm::showError(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Unauthorized:
        setMessage(tr("The email address or the password is wrong."), true);
        m_password->selectAll();
        m_password->setFocus(Qt::OtherFocusReason);
        return;
    case ErrorCode::Forbidden:
        setMessage(tr("This account is deactivated. Contact the shop if you think this is a "
                      "mistake."),
                   true);
        return;
    case ErrorCode::TooManyRequests:
        setMessage(tr("Too many attempts to sign in. Wait a few minutes, then try again."), true);
        return;
    default: {
        const auto text = Client::UserMessages::describe(error, m_context.api()->baseUrl());
        setMessage(text.message, true);
    }
    }
}

} // namespace Shop::Widgets
