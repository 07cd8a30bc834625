#include "signindialog.h"

#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/signinform.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Shop::Storefront {

SignInDialog::SignInDialog(Widgets::AppContext &context, QWidget *parent)
    : QDialog(parent)
    , m_form(new Widgets::SignInForm(context, {.offerRememberMe = true}, this))
{
    setObjectName(QStringLiteral("signInDialog"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *create = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    create->setObjectName(QStringLiteral("createAccount"));
    create->setAutoDefault(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(buttons);
    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([this, create] {
        setWindowTitle(tr("Sign In"));
        create->setText(tr("Create an Account …"));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(create, &QPushButton::clicked, this, [this] {
        Q_EMIT registerRequested();
        reject();
    });
    connect(m_form, &Widgets::SignInForm::signedIn, this, &QDialog::accept);
    connect(m_form, &Widgets::SignInForm::forgotPasswordRequested, this,
            [this](const QString &email) {
                Q_EMIT forgotPasswordRequested(email);
                reject();
            });
    m_form->focusFirstEmpty();
}

void SignInDialog::setMessage(const QString &text)
{
    m_form->setMessage(text);
}

} // namespace Shop::Storefront
