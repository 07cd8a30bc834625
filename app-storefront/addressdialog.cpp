#include "addressdialog.h"

#include "client/accountclient.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace Shop::Storefront {

AddressDialog::AddressDialog(Widgets::AppContext &context, const Client::Address &address,
                             QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_id(address.id)
    , m_message(Widgets::FieldErrors::makeLabel(this))
    , m_save(new QPushButton(this))
{
    setObjectName(QStringLiteral("addressDialog"));
    auto *fields = new QWidget(this);
    auto *form = new QFormLayout(fields);
    form->setContentsMargins(0, 0, 0, 0);
    struct Field
    {
        QLineEdit **edit;
        const char *name; // wire name and object name
        QString value;
        QLabel *label = nullptr;
    };
    Field all[] = {
        {&m_label, "label", address.label},
        {&m_recipient, "recipient_name", address.recipientName},
        {&m_line1, "line1", address.line1},
        {&m_line2, "line2", address.line2},
        {&m_postalCode, "postal_code", address.postalCode},
        {&m_city, "city", address.city},
        {&m_region, "region", address.region},
        {&m_country, "country", address.country},
        {&m_phone, "phone", address.phone},
    };
    for (Field &field : all) {
        *field.edit = new QLineEdit(field.value, fields);
        (*field.edit)->setObjectName(QLatin1String(field.name));
        field.label = new QLabel(fields);
        field.label->setBuddy(*field.edit);
        form->addRow(field.label, *field.edit);
    }
    for (Field &field : all) {
        m_errors.add(QLatin1String(field.name), *field.edit);
    }
    m_country->setMaxLength(2);
    m_country->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z]{0,2}")), m_country));
    m_default = new QCheckBox(fields);
    m_default->setObjectName(QStringLiteral("isDefault"));
    m_default->setChecked(address.isDefault);
    m_default->setEnabled(!address.isDefault); // the default moves by making another one default
    form->addRow(QString(), m_default);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveAddress"));
    m_save->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(fields);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    QList<QLabel *> labels;
    for (const Field &field : all) {
        labels << field.label;
    }
    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([this, labels] {
        setWindowTitle(m_id.isEmpty() ? tr("Add Address") : tr("Edit Address"));
        const QString texts[] = {tr("La&bel:"),          tr("&Recipient:"),   tr("&Street:"),
                                 tr("&Address line 2:"), tr("&Postal code:"), tr("&City:"),
                                 tr("Re&gion:"),         tr("C&ountry:"),     tr("P&hone:")};
        for (int i = 0; i < labels.size(); ++i) {
            labels[i]->setText(texts[i]);
        }
        m_label->setPlaceholderText(tr("Home, Work, …"));
        m_country->setPlaceholderText(tr("Two letters, e.g. DE or US"));
        m_default->setText(tr("&Default address"));
        m_save->setText(tr("Save"));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &AddressDialog::submit);
}

Client::Address AddressDialog::address() const
{
    Client::Address address;
    address.id = m_id;
    address.label = m_label->text().trimmed();
    address.recipientName = m_recipient->text().trimmed();
    address.line1 = m_line1->text().trimmed();
    address.line2 = m_line2->text().trimmed();
    address.postalCode = m_postalCode->text().trimmed();
    address.city = m_city->text().trimmed();
    address.region = m_region->text().trimmed();
    address.country = m_country->text().trimmed().toUpper();
    address.phone = m_phone->text().trimmed();
    address.isDefault = m_default->isChecked();
    return address;
}

void AddressDialog::submit()
{
    m_errors.clear();
    m_message->setVisible(false);
    m_save->setEnabled(false);
    auto done = [this](Result<Client::Address> result) {
        m_save->setEnabled(true);
        if (result) {
            Q_EMIT saved(*result);
            accept();
            return;
        }
        const Error &error = result.error();
        QString general;
        if (error.code == ErrorCode::Validation && !error.fieldErrors.isEmpty()) {
            general = m_errors.show(error.fieldErrors).join(u'\n');
        } else {
            general = Client::UserMessages::describe(error, m_context.api()->baseUrl()).message;
        }
        m_message->setText(general);
        m_message->setVisible(!general.isEmpty());
    };
    if (m_id.isEmpty()) {
        m_context.account()->addAddress(address(), this, std::move(done));
    } else {
        m_context.account()->updateAddress(address(), this, std::move(done));
    }
}

} // namespace Shop::Storefront
