#include "forgotpassworddialog.h"

#include "client/authsession.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/fielderrors.h"
#include "widgets/retranslator.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Shop::Storefront {

ForgotPasswordDialog::ForgotPasswordDialog(Widgets::AppContext &context, const QString &email,
                                           QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_steps(new QStackedWidget(this))
    , m_email(new QLineEdit(email, this))
    , m_error(Widgets::FieldErrors::makeLabel(this))
    , m_sent(new QLabel(this))
    , m_send(new QPushButton(this))
    , m_enterCode(new QPushButton(this))
{
    setObjectName(QStringLiteral("forgotPasswordDialog"));
    m_email->setObjectName(QStringLiteral("email"));
    m_error->setObjectName(QStringLiteral("forgotError"));
    m_sent->setObjectName(QStringLiteral("sentMessage"));
    m_send->setObjectName(QStringLiteral("sendResetLink"));
    m_enterCode->setObjectName(QStringLiteral("enterResetCode"));

    auto *ask = new QWidget(m_steps);
    auto *intro = new QLabel(ask);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    auto *emailLabel = new QLabel(ask);
    emailLabel->setBuddy(m_email);
    form->addRow(emailLabel, m_email);
    auto *askLayout = new QVBoxLayout(ask);
    askLayout->setContentsMargins(0, 0, 0, 0);
    askLayout->addWidget(intro);
    askLayout->addLayout(form);
    askLayout->addWidget(m_error);
    m_steps->addWidget(ask);

    auto *done = new QWidget(m_steps);
    m_sent->setWordWrap(true);
    auto *doneLayout = new QVBoxLayout(done);
    doneLayout->setContentsMargins(0, 0, 0, 0);
    doneLayout->addWidget(m_sent);
    doneLayout->addStretch(1);
    m_steps->addWidget(done);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    buttons->addButton(m_enterCode, QDialogButtonBox::ActionRole);
    m_send->setDefault(true);
    m_enterCode->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_steps);
    layout->addWidget(buttons);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([=, this] {
        setWindowTitle(tr("Forgot Password"));
        intro->setText(tr("Enter the email address of your account. We send you a link to "
                          "choose a new password."));
        emailLabel->setText(tr("&Email:"));
        m_send->setText(tr("Send Link"));
        m_enterCode->setText(tr("I Have a Reset Code …"));
        m_sent->setText(tr("If the address is registered, an email is on its way. Open the link "
                           "in it, or paste its code here with \"I Have a Reset Code\". The link "
                           "is valid for one hour."));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &ForgotPasswordDialog::submit);
    connect(m_enterCode, &QPushButton::clicked, this, [this] {
        Q_EMIT resetRequested();
        accept();
    });
}

bool ForgotPasswordDialog::isSent() const
{
    return m_steps->currentIndex() == 1;
}

QString ForgotPasswordDialog::message() const
{
    return isSent() ? m_sent->text() : m_error->text();
}

void ForgotPasswordDialog::submit()
{
    const QString email = m_email->text().trimmed();
    if (!email.contains(u'@')) {
        m_error->setText(tr("Enter the email address of your account."));
        m_error->setVisible(true);
        return;
    }
    m_send->setEnabled(false);
    m_error->setVisible(false);
    m_context.session()->forgotPassword(email, this, [this](Result<void> result) {
        m_send->setEnabled(true);
        if (!result) {
            m_error->setText(
                result.error().code == ErrorCode::TooManyRequests
                    ? tr("Too many requests from this computer. Wait a while, then try again.")
                    : Client::UserMessages::describe(result.error(), m_context.api()->baseUrl())
                          .message);
            m_error->setVisible(true);
            return;
        }
        m_steps->setCurrentIndex(1);
        m_send->setVisible(false);
    });
}

} // namespace Shop::Storefront
