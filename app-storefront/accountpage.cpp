#include "accountpage.h"

#include "addressdialog.h"
#include "client/accountclient.h"
#include "client/authsession.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/translationloader.h"
#include "widgets/uistyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Shop::Storefront {

AccountPage::AccountPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_state(new QStackedWidget(this))
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("accountPage"));
    m_status->setObjectName(QStringLiteral("accountStatus"));
    m_status->setWordWrap(true);
    m_title->setFont(Widgets::UiStyle::scaled(font(), 1.5));

    // Signed out
    auto *signedOut = new QWidget(m_state);
    auto *signedOutText = new QLabel(signedOut);
    signedOutText->setWordWrap(true);
    signedOutText->setAlignment(Qt::AlignCenter);
    auto *signIn = new QPushButton(signedOut);
    signIn->setObjectName(QStringLiteral("accountSignIn"));
    auto *signedOutLayout = new QVBoxLayout(signedOut);
    signedOutLayout->addStretch(1);
    signedOutLayout->addWidget(signedOutText);
    signedOutLayout->addWidget(signIn, 0, Qt::AlignCenter);
    signedOutLayout->addStretch(2);
    connect(signIn, &QPushButton::clicked, this, &AccountPage::signInRequested);

    // Profile
    auto *profile = new QWidget(m_tabs);
    auto *profileForm = new QFormLayout(profile);
    m_email = new QLabel(profile);
    m_email->setObjectName(QStringLiteral("profileEmail"));
    m_email->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_firstName = new QLineEdit(profile);
    m_firstName->setObjectName(QStringLiteral("profileFirstName"));
    m_lastName = new QLineEdit(profile);
    m_lastName->setObjectName(QStringLiteral("profileLastName"));
    m_language = new QComboBox(profile);
    m_language->setObjectName(QStringLiteral("profileLanguage"));
    for (const auto &[code, name] : Widgets::TranslationLoader::availableLanguages()) {
        m_language->addItem(name, code);
    }
    m_saveProfile = new QPushButton(profile);
    m_saveProfile->setObjectName(QStringLiteral("saveProfile"));
    auto *emailLabel = new QLabel(profile);
    auto *firstLabel = new QLabel(profile);
    auto *lastLabel = new QLabel(profile);
    auto *languageLabel = new QLabel(profile);
    profileForm->addRow(emailLabel, m_email);
    profileForm->addRow(firstLabel, m_firstName);
    profileForm->addRow(lastLabel, m_lastName);
    profileForm->addRow(languageLabel, m_language);
    profileForm->addRow(QString(), m_saveProfile);
    firstLabel->setBuddy(m_firstName);
    lastLabel->setBuddy(m_lastName);
    languageLabel->setBuddy(m_language);
    m_profileErrors.add(QStringLiteral("first_name"), m_firstName);
    m_profileErrors.add(QStringLiteral("last_name"), m_lastName);
    m_profileErrors.add(QStringLiteral("language"), m_language);

    // Password
    auto *password = new QWidget(m_tabs);
    auto *passwordForm = new QFormLayout(password);
    m_currentPassword = new QLineEdit(password);
    m_currentPassword->setObjectName(QStringLiteral("currentPassword"));
    m_newPassword = new QLineEdit(password);
    m_newPassword->setObjectName(QStringLiteral("newPassword"));
    m_repeatPassword = new QLineEdit(password);
    m_repeatPassword->setObjectName(QStringLiteral("repeatNewPassword"));
    for (QLineEdit *edit : {m_currentPassword, m_newPassword, m_repeatPassword}) {
        edit->setEchoMode(QLineEdit::Password);
    }
    m_changePassword = new QPushButton(password);
    m_changePassword->setObjectName(QStringLiteral("changePassword"));
    auto *currentLabel = new QLabel(password);
    auto *newLabel = new QLabel(password);
    auto *repeatLabel = new QLabel(password);
    passwordForm->addRow(currentLabel, m_currentPassword);
    passwordForm->addRow(newLabel, m_newPassword);
    passwordForm->addRow(repeatLabel, m_repeatPassword);
    passwordForm->addRow(QString(), m_changePassword);
    currentLabel->setBuddy(m_currentPassword);
    newLabel->setBuddy(m_newPassword);
    repeatLabel->setBuddy(m_repeatPassword);
    m_passwordErrors.add(QStringLiteral("current_password"), m_currentPassword);
    m_passwordErrors.add(QStringLiteral("new_password"), m_newPassword);
    m_passwordErrors.add(QStringLiteral("password_repeat"), m_repeatPassword);

    // Addresses
    auto *addressBook = new QWidget(m_tabs);
    m_addressList = new QListWidget(addressBook);
    m_addressList->setObjectName(QStringLiteral("addressList"));
    m_addAddress = new QPushButton(addressBook);
    m_addAddress->setObjectName(QStringLiteral("addAddress"));
    m_editAddress = new QPushButton(addressBook);
    m_editAddress->setObjectName(QStringLiteral("editAddress"));
    m_removeAddress = new QPushButton(addressBook);
    m_removeAddress->setObjectName(QStringLiteral("removeAddress"));
    m_defaultAddress = new QPushButton(addressBook);
    m_defaultAddress->setObjectName(QStringLiteral("defaultAddress"));
    auto *addressButtons = new QVBoxLayout;
    for (QPushButton *button : {m_addAddress, m_editAddress, m_removeAddress, m_defaultAddress}) {
        addressButtons->addWidget(button);
    }
    addressButtons->addStretch(1);
    auto *addressLayout = new QHBoxLayout(addressBook);
    addressLayout->addWidget(m_addressList, 1);
    addressLayout->addLayout(addressButtons);

    m_tabs->addTab(profile, QString());
    m_tabs->addTab(password, QString());
    m_tabs->addTab(addressBook, QString());

    auto *signedIn = new QWidget(m_state);
    auto *signedInLayout = new QVBoxLayout(signedIn);
    signedInLayout->setContentsMargins(0, 0, 0, 0);
    auto *myOrders = new QPushButton(signedIn);
    myOrders->setObjectName(QStringLiteral("accountMyOrders"));
    connect(myOrders, &QPushButton::clicked, this, &AccountPage::ordersRequested);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(myOrders);
    signedInLayout->addLayout(titleRow);
    signedInLayout->addWidget(m_status);
    signedInLayout->addWidget(m_tabs, 1);
    m_state->addWidget(signedOut);
    m_state->addWidget(signedIn);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([=, this] {
        signedOutText->setText(tr("Sign in to see your profile and your addresses."));
        signIn->setText(tr("Sign In …"));
        emailLabel->setText(tr("Email:"));
        firstLabel->setText(tr("&First name:"));
        lastLabel->setText(tr("&Last name:"));
        languageLabel->setText(tr("&Language:"));
        myOrders->setText(tr("My &Orders"));
        m_saveProfile->setText(tr("Save Profile"));
        currentLabel->setText(tr("&Current password:"));
        newLabel->setText(tr("&New password:"));
        repeatLabel->setText(tr("&Repeat new password:"));
        m_changePassword->setText(tr("Change Password"));
        m_addAddress->setText(tr("&Add …"));
        m_editAddress->setText(tr("&Edit …"));
        m_removeAddress->setText(tr("&Delete"));
        m_defaultAddress->setText(tr("Make &Default"));
        m_tabs->setTabText(0, tr("Profile"));
        m_tabs->setTabText(1, tr("Password"));
        m_tabs->setTabText(2, tr("Addresses"));
        showUser();
        showAddresses();
    });

    connect(m_saveProfile, &QPushButton::clicked, this, &AccountPage::saveProfile);
    connect(m_changePassword, &QPushButton::clicked, this, &AccountPage::changePassword);
    connect(m_addAddress, &QPushButton::clicked, this, &AccountPage::addAddress);
    connect(m_editAddress, &QPushButton::clicked, this,
            [this] { editAddress(m_addressList->currentRow()); });
    connect(m_addressList, &QListWidget::itemActivated, this,
            [this] { editAddress(m_addressList->currentRow()); });
    connect(m_removeAddress, &QPushButton::clicked, this,
            [this] { removeAddress(m_addressList->currentRow()); });
    connect(m_defaultAddress, &QPushButton::clicked, this,
            [this] { makeDefault(m_addressList->currentRow()); });
    connect(m_addressList, &QListWidget::currentRowChanged, this, [this] { showAddresses(); });
    connect(context.session(), &Client::AuthSession::userChanged, this, &AccountPage::updateState);
    updateState();
}

void AccountPage::updateState()
{
    const auto user = m_context.session()->user();
    m_state->setCurrentIndex(user ? 1 : 0);
    if (!user) {
        return; // an ended session: the fields keep what was typed
    }
    if (user->id != m_userId) {
        // Another person: nothing of the previous one stays.
        m_userId = user->id;
        m_addresses.clear();
        for (QLineEdit *edit : {m_currentPassword, m_newPassword, m_repeatPassword}) {
            edit->clear();
        }
        m_firstName->setText(user->firstName);
        m_lastName->setText(user->lastName);
        setStatus(QString());
        loadAddresses();
    }
    showUser();
}

void AccountPage::showUser()
{
    const auto user = m_context.session()->user();
    if (!user) {
        return;
    }
    m_title->setText(tr("Hello, %1").arg(user->displayName()));
    m_email->setText(user->email);
    const int index = m_language->findData(user->language);
    if (index >= 0) {
        m_language->setCurrentIndex(index);
    }
}

void AccountPage::refresh()
{
    if (!m_context.session()->isSignedIn()) {
        return;
    }
    m_context.account()->me(this, [this](Result<Client::User> user) {
        if (!user) {
            showError(user.error());
            return;
        }
        // What the customer typed meanwhile wins over the server's copy.
        for (const auto &[edit, text] :
             {std::pair {m_firstName, user->firstName}, std::pair {m_lastName, user->lastName}}) {
            if (!edit->isModified()) {
                edit->setText(text);
            }
        }
        showUser();
    });
    loadAddresses();
}

QString AccountPage::statusText() const
{
    return m_status->text();
}

void AccountPage::setStatus(const QString &text, bool isError)
{
    m_status->setText(text);
    m_status->setStyleSheet(isError ? QStringLiteral("color: #c62828;") : QString());
    m_status->setVisible(!text.isEmpty());
}

void AccountPage::showError(const Error &error)
{
    if (error.code == ErrorCode::Unauthorized) {
        setStatus(tr("Your session has ended. Sign in again, then repeat the last step: what you "
                     "typed is still here."),
                  true);
        return;
    }
    setStatus(Client::UserMessages::describe(error, m_context.api()->baseUrl()).message, true);
}

void AccountPage::saveProfile()
{
    m_profileErrors.clear();
    Client::ProfileUpdate update;
    update.firstName = m_firstName->text().trimmed();
    update.lastName = m_lastName->text().trimmed();
    update.language = m_language->currentData().toString();
    m_saveProfile->setEnabled(false);
    m_context.account()->updateProfile(update, this, [this](Result<Client::User> user) {
        m_saveProfile->setEnabled(true);
        if (!user) {
            if (user.error().code == ErrorCode::Validation) {
                const QStringList rest = m_profileErrors.show(user.error().fieldErrors);
                setStatus(rest.join(u'\n'), true);
            } else {
                showError(user.error());
            }
            return;
        }
        m_firstName->setModified(false);
        m_lastName->setModified(false);
        setStatus(tr("Your profile was saved."));
        Q_EMIT languageChosen(user->language);
    });
}

void AccountPage::changePassword()
{
    m_passwordErrors.clear();
    if (m_newPassword->text() != m_repeatPassword->text()) {
        m_passwordErrors.show(QStringLiteral("password_repeat"), tr("The two passwords differ."));
        return;
    }
    m_changePassword->setEnabled(false);
    m_context.account()->changePassword(
        m_currentPassword->text(), m_newPassword->text(), this, [this](Result<void> result) {
            m_changePassword->setEnabled(true);
            if (!result) {
                if (result.error().code == ErrorCode::Validation) {
                    const QStringList rest = m_passwordErrors.show(result.error().fieldErrors);
                    setStatus(rest.join(u'\n'), !rest.isEmpty());
                } else {
                    showError(result.error());
                }
                return;
            }
            for (QLineEdit *edit : {m_currentPassword, m_newPassword, m_repeatPassword}) {
                edit->clear();
            }
            setStatus(tr("Your password was changed. You were signed out everywhere else."));
        });
}

void AccountPage::loadAddresses()
{
    m_context.account()->addresses(this, [this](Result<QList<Client::Address>> addresses) {
        if (!addresses) {
            showError(addresses.error());
            return;
        }
        m_addresses = *addresses;
        showAddresses();
    });
}

void AccountPage::showAddresses()
{
    const int current = m_addressList->currentRow();
    const QSignalBlocker blocker(m_addressList);
    m_addressList->clear();
    for (const Client::Address &address : std::as_const(m_addresses)) {
        auto *item = new QListWidgetItem(
            address.isDefault ? tr("%1 (default)").arg(address.summary()) : address.summary(),
            m_addressList);
        item->setData(Qt::UserRole, address.id);
    }
    if (current >= 0 && current < m_addressList->count()) {
        m_addressList->setCurrentRow(current);
    }
    const int row = m_addressList->currentRow();
    const bool selected = row >= 0 && row < m_addresses.size();
    m_editAddress->setEnabled(selected);
    m_removeAddress->setEnabled(selected);
    m_defaultAddress->setEnabled(selected && !m_addresses[row].isDefault);
}

void AccountPage::addAddress()
{
    Client::Address address;
    if (const auto user = m_context.session()->user()) {
        address.recipientName =
            user->displayName() == user->email ? QString() : user->displayName();
    }
    address.isDefault = m_addresses.isEmpty();
    auto *dialog = new AddressDialog(m_context, address, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddressDialog::saved, this, [this] {
        setStatus(tr("The address was saved."));
        loadAddresses();
    });
    dialog->open();
}

void AccountPage::editAddress(int row)
{
    if (row < 0 || row >= m_addresses.size()) {
        return;
    }
    auto *dialog = new AddressDialog(m_context, m_addresses[row], this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddressDialog::saved, this, [this] {
        setStatus(tr("The address was saved."));
        loadAddresses();
    });
    dialog->open();
}

void AccountPage::removeAddress(int row)
{
    if (row < 0 || row >= m_addresses.size()) {
        return;
    }
    const Client::Address address = m_addresses[row];
    auto *confirm = new QMessageBox(QMessageBox::Question, tr("Delete Address"),
                                    tr("Delete the address \"%1\"?").arg(address.summary()),
                                    QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm->setObjectName(QStringLiteral("confirmDeleteAddress"));
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QMessageBox::buttonClicked, this,
            [this, confirm, id = address.id](QAbstractButton *button) {
                if (confirm->standardButton(button) != QMessageBox::Yes) {
                    return;
                }
                m_context.account()->removeAddress(id, this, [this](Result<void> result) {
                    if (!result) {
                        showError(result.error());
                        return;
                    }
                    setStatus(tr("The address was deleted."));
                    loadAddresses();
                });
            });
    confirm->open();
}

void AccountPage::makeDefault(int row)
{
    if (row < 0 || row >= m_addresses.size()) {
        return;
    }
    Client::Address address = m_addresses[row];
    address.isDefault = true;
    m_context.account()->updateAddress(address, this, [this](Result<Client::Address> result) {
        if (!result) {
            showError(result.error());
            return;
        }
        setStatus(tr("The default address was changed."));
        loadAddresses();
    });
}

} // namespace Shop::Storefront
