#pragma once

#include "client/account.h"
#include "widgets/fielderrors.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

// Adds or edits one address of the address book and saves it on the server; the server's field
// errors appear at the fields.
class AddressDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddressDialog)

public:
    // An address without an id is added, one with an id is changed.
    AddressDialog(Widgets::AppContext &context, const Client::Address &address,
                  QWidget *parent = nullptr);

    [[nodiscard]] Client::Address address() const;
    [[nodiscard]] const Widgets::FieldErrors &fieldErrors() const { return m_errors; }
    void submit();

Q_SIGNALS:
    void saved(const Shop::Client::Address &address);

private:
    Widgets::AppContext &m_context;
    QString m_id;
    QLineEdit *m_label;
    QLineEdit *m_recipient;
    QLineEdit *m_line1;
    QLineEdit *m_line2;
    QLineEdit *m_postalCode;
    QLineEdit *m_city;
    QLineEdit *m_region;
    QLineEdit *m_country;
    QLineEdit *m_phone;
    QCheckBox *m_default;
    QLabel *m_message;
    QPushButton *m_save;
    Widgets::FieldErrors m_errors;
};

} // namespace Shop::Storefront
