#include "resetpassworddialog.h"

#include "client/authsession.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace Shop::Storefront {

QString ResetPasswordDialog::tokenFromUrl(const QUrl &url)
{
    const bool appLink = url.scheme() == QLatin1String("shop")
        && (url.host() == QLatin1String("reset-password")
            || url.path() == QLatin1String("reset-password"));
    const bool webLink =
        (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
        && url.path().endsWith(QLatin1String("/reset-password"));
    if (!appLink && !webLink) {
        return {};
    }
    return QUrlQuery(url).queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).trimmed();
}

ResetPasswordDialog::ResetPasswordDialog(Widgets::AppContext &context, const QString &token,
                                         QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_token(new QLineEdit(token, this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_message(Widgets::FieldErrors::makeLabel(this))
    , m_save(new QPushButton(this))
{
    setObjectName(QStringLiteral("resetPasswordDialog"));
    m_token->setObjectName(QStringLiteral("token"));
    m_password->setObjectName(QStringLiteral("password"));
    m_repeat->setObjectName(QStringLiteral("repeatPassword"));
    m_message->setObjectName(QStringLiteral("resetMessage"));
    m_save->setObjectName(QStringLiteral("savePassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);

    auto *fields = new QWidget(this);
    auto *form = new QFormLayout(fields);
    form->setContentsMargins(0, 0, 0, 0);
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    auto *tokenLabel = new QLabel(fields);
    auto *passwordLabel = new QLabel(fields);
    auto *repeatLabel = new QLabel(fields);
    form->addRow(tokenLabel, m_token);
    form->addRow(passwordLabel, m_password);
    form->addRow(repeatLabel, m_repeat);
    tokenLabel->setBuddy(m_token);
    passwordLabel->setBuddy(m_password);
    repeatLabel->setBuddy(m_repeat);
    m_errors.add(QStringLiteral("token"), m_token);
    m_errors.add(QStringLiteral("password"), m_password);
    m_errors.add(QStringLiteral("password_repeat"), m_repeat);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    m_save->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(fields);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([=, this] {
        setWindowTitle(tr("Choose a New Password"));
        intro->setText(tr("Paste the code from the password reset email (or open its link), "
                          "then choose a new password of at least 12 characters."));
        tokenLabel->setText(tr("Reset &code:"));
        passwordLabel->setText(tr("&New password:"));
        repeatLabel->setText(tr("&Repeat password:"));
        m_save->setText(tr("Save Password"));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ResetPasswordDialog::submit);
    (token.isEmpty() ? m_token : m_password)->setFocus(Qt::OtherFocusReason);
}

void ResetPasswordDialog::submit()
{
    m_errors.clear();
    m_message->setVisible(false);
    // A pasted link works as well as the bare code.
    QString token = m_token->text().trimmed();
    if (const QString fromUrl = tokenFromUrl(QUrl(token)); !fromUrl.isEmpty()) {
        token = fromUrl;
    }
    if (token.isEmpty()) {
        m_errors.show(QStringLiteral("token"), tr("Paste the code from the email."));
        return;
    }
    if (m_password->text() != m_repeat->text()) {
        m_errors.show(QStringLiteral("password_repeat"), tr("The two passwords differ."));
        return;
    }
    m_save->setEnabled(false);
    m_context.session()->resetPassword(
        token, m_password->text(), this, [this](Result<void> result) {
            m_save->setEnabled(true);
            if (result) {
                Q_EMIT passwordReset();
                accept();
                return;
            }
            const Error &error = result.error();
            if (error.code == ErrorCode::BadRequest) {
                m_errors.show(QStringLiteral("token"),
                              tr("This code is unknown, used or expired. Ask for a new email with "
                                 "\"Forgot password?\"."));
            } else if (error.code == ErrorCode::Validation && !error.fieldErrors.isEmpty()) {
                const QString general = m_errors.show(error.fieldErrors).join(u'\n');
                m_message->setText(general);
                m_message->setVisible(!general.isEmpty());
            } else {
                m_message->setText(
                    Client::UserMessages::describe(error, m_context.api()->baseUrl()).message);
                m_message->setVisible(true);
            }
        });
}

} // namespace Shop::Storefront
