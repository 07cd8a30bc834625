#include "registerdialog.h"

#include "client/authsession.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace Shop::Storefront {

RegisterDialog::RegisterDialog(Widgets::AppContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_firstName(new QLineEdit(this))
    , m_lastName(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_remember(new QCheckBox(this))
    , m_message(Widgets::FieldErrors::makeLabel(this))
    , m_create(new QPushButton(this))
{
    setObjectName(QStringLiteral("registerDialog"));
    m_firstName->setObjectName(QStringLiteral("firstName"));
    m_lastName->setObjectName(QStringLiteral("lastName"));
    m_email->setObjectName(QStringLiteral("email"));
    m_password->setObjectName(QStringLiteral("password"));
    m_repeat->setObjectName(QStringLiteral("repeatPassword"));
    m_remember->setObjectName(QStringLiteral("rememberMe"));
    m_message->setObjectName(QStringLiteral("registerMessage"));
    m_create->setObjectName(QStringLiteral("createAccount"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_remember->setEnabled(context.session()->keychainAvailable());

    auto *fields = new QWidget(this);
    auto *form = new QFormLayout(fields);
    form->setContentsMargins(0, 0, 0, 0);
    auto *firstLabel = new QLabel(fields);
    auto *lastLabel = new QLabel(fields);
    auto *emailLabel = new QLabel(fields);
    auto *passwordLabel = new QLabel(fields);
    auto *repeatLabel = new QLabel(fields);
    auto *hint = new QLabel(fields);
    hint->setWordWrap(true);
    m_firstName->setParent(fields);
    m_lastName->setParent(fields);
    m_email->setParent(fields);
    m_password->setParent(fields);
    m_repeat->setParent(fields);
    m_remember->setParent(fields);
    form->addRow(firstLabel, m_firstName);
    form->addRow(lastLabel, m_lastName);
    form->addRow(emailLabel, m_email);
    form->addRow(passwordLabel, m_password);
    form->addRow(QString(), hint);
    form->addRow(repeatLabel, m_repeat);
    form->addRow(QString(), m_remember);
    firstLabel->setBuddy(m_firstName);
    lastLabel->setBuddy(m_lastName);
    emailLabel->setBuddy(m_email);
    passwordLabel->setBuddy(m_password);
    repeatLabel->setBuddy(m_repeat);
    m_errors.add(QStringLiteral("first_name"), m_firstName);
    m_errors.add(QStringLiteral("last_name"), m_lastName);
    m_errors.add(QStringLiteral("email"), m_email);
    m_errors.add(QStringLiteral("password"), m_password);
    m_errors.add(QStringLiteral("password_repeat"), m_repeat);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    QPushButton *signIn = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    signIn->setObjectName(QStringLiteral("haveAccount"));
    signIn->setAutoDefault(false);
    m_create->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(fields);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([=, this] {
        setWindowTitle(tr("Create an Account"));
        firstLabel->setText(tr("&First name:"));
        lastLabel->setText(tr("&Last name:"));
        emailLabel->setText(tr("&Email:"));
        passwordLabel->setText(tr("&Password:"));
        repeatLabel->setText(tr("&Repeat password:"));
        hint->setText(tr("At least 12 characters. A few unrelated words are easy to remember "
                         "and hard to guess."));
        m_remember->setText(tr("&Remember me on this computer"));
        m_create->setText(tr("Create Account"));
        signIn->setText(tr("I Have an Account"));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, &RegisterDialog::submit);
    connect(signIn, &QPushButton::clicked, this, [this] {
        Q_EMIT signInRequested();
        reject();
    });
}

QString RegisterDialog::message() const
{
    return m_message->text();
}

void RegisterDialog::setBusy(bool busy)
{
    m_create->setEnabled(!busy);
}

void RegisterDialog::submit()
{
    m_errors.clear();
    m_message->setVisible(false);
    if (m_password->text() != m_repeat->text()) {
        m_errors.show(QStringLiteral("password_repeat"), tr("The two passwords differ."));
        m_repeat->setFocus(Qt::OtherFocusReason);
        return;
    }
    Client::Registration registration;
    registration.firstName = m_firstName->text().trimmed();
    registration.lastName = m_lastName->text().trimmed();
    registration.email = m_email->text().trimmed();
    registration.password = m_password->text();
    registration.language = m_context.settings().language();
    if (registration.language.isEmpty()) {
        registration.language = QLocale().name().section(u'_', 0, 0);
    }
    setBusy(true);
    m_context.session()->registerAccount(
        registration, m_remember->isChecked(), this, [this](Result<Client::User> user) {
            setBusy(false);
            if (user) {
                m_context.settings().setLastEmail(user->email);
                accept();
                return;
            }
            const Error &error = user.error();
            QString general;
            if (error.code == ErrorCode::Validation && !error.fieldErrors.isEmpty()) {
                general = m_errors.show(error.fieldErrors).join(u'\n');
            } else if (error.code == ErrorCode::Conflict) {
                m_errors.show(
                    {FieldError {QStringLiteral("email"), error.message, QStringLiteral("taken")}});
            } else if (error.code == ErrorCode::TooManyRequests) {
                general = tr("Too many accounts were created from this computer. Wait a while, "
                             "then try again.");
            } else {
                general = Client::UserMessages::describe(error, m_context.api()->baseUrl()).message;
            }
            m_message->setText(general);
            m_message->setVisible(!general.isEmpty());
        });
}

} // namespace Shop::Storefront
