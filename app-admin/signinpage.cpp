#include "signinpage.h"

#include "client/authsession.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/signinform.h"
#include "widgets/uistyle.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Shop::Admin {

SignInPage::SignInPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_title(new QLabel(this))
    , m_form(new Widgets::SignInForm(
          context, {.offerRememberMe = false, .offerForgotPassword = false}, this))
{
    setObjectName(QStringLiteral("signInPage"));
    m_title->setFont(Widgets::UiStyle::scaled(font(), 1.5));
    auto *box = new QWidget(this);
    box->setMaximumWidth(fontMetrics().averageCharWidth() * 60);
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->addWidget(m_title);
    boxLayout->addWidget(m_form);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(box, 0, Qt::AlignHCenter);
    layout->addStretch(2);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([this] { m_title->setText(tr("Staff Sign-In")); });

    connect(m_form, &Widgets::SignInForm::signedIn, this, [this](const Client::User &user) {
        if (!user.isAdmin()) {
            // Ends the session on the server too; the console stays closed.
            m_context.session()->signOut();
            m_form->setMessage(tr("This account is not a staff account. Sign in with an "
                                  "administrator's account."),
                               true);
            return;
        }
        Q_EMIT staffSignedIn(user);
    });
}

void SignInPage::setMessage(const QString &text, bool isError)
{
    m_form->setMessage(text, isError);
}

} // namespace Shop::Admin
