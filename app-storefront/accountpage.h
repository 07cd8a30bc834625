#pragma once

#include "client/account.h"
#include "widgets/fielderrors.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

// "My account": the profile (name, language), the password, and the address book (add, edit,
// delete, make default). Signed out, it offers to sign in; when a session ends while it is
// shown, what was typed stays in the fields for after signing in again.
class AccountPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountPage)

public:
    explicit AccountPage(Widgets::AppContext &context, QWidget *parent = nullptr);

    // Reloads the profile and the address book from the server.
    void refresh();
    [[nodiscard]] const QList<Client::Address> &addresses() const { return m_addresses; }
    [[nodiscard]] QListWidget *addressList() const { return m_addressList; }
    [[nodiscard]] QString statusText() const;

    void saveProfile();
    void changePassword();
    void addAddress();
    void editAddress(int row);
    void removeAddress(int row);
    void makeDefault(int row);

Q_SIGNALS:
    void signInRequested();
    // "My Orders" was clicked.
    void ordersRequested();
    // The profile's language was saved: the app may switch to it.
    void languageChosen(const QString &code);

private:
    void showUser();
    void loadAddresses();
    void showAddresses();
    void setStatus(const QString &text, bool isError = false);
    void showError(const Error &error);
    void updateState();

    Widgets::AppContext &m_context;
    QString m_userId;
    QStackedWidget *m_state;
    QLabel *m_title;
    QLabel *m_status;
    QTabWidget *m_tabs;
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLabel *m_email;
    QComboBox *m_language;
    QPushButton *m_saveProfile;
    QLineEdit *m_currentPassword;
    QLineEdit *m_newPassword;
    QLineEdit *m_repeatPassword;
    QPushButton *m_changePassword;
    QListWidget *m_addressList;
    QPushButton *m_addAddress;
    QPushButton *m_editAddress;
    QPushButton *m_removeAddress;
    QPushButton *m_defaultAddress;
    Widgets::FieldErrors m_profileErrors;
    Widgets::FieldErrors m_passwordErrors;
    QList<Client::Address> m_addresses;
};

} // namespace Shop::Storefront
