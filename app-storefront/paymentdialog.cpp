#include "paymentdialog.h"

#include "paymentpage.h"
#include "widgets/retranslator.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace Shop::Storefront {

PaymentDialog::PaymentDialog(Widgets::AppContext &context, const QString &orderId, QWidget *parent)
    : QDialog(parent)
    , m_page(new PaymentPage(context, this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("paymentDialog"));
    setWindowModality(Qt::WindowModal);
    m_close->setObjectName(QStringLiteral("closePayment"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_page, 1);
    layout->addLayout(buttons);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([this] {
        setWindowTitle(tr("Pay for Your Order"));
        m_close->setText(m_page->state() == PaymentPage::State::Paid ? tr("Close")
                                                                     : tr("Pay &Later"));
    });
    connect(m_page, &PaymentPage::stateChanged, this, [this](PaymentPage::State state) {
        m_close->setEnabled(!m_page->isBusy());
        m_close->setText(state == PaymentPage::State::Paid ? tr("Close") : tr("Pay &Later"));
    });
    connect(m_page, &PaymentPage::paid, this, &PaymentDialog::paid);
    connect(m_close, &QPushButton::clicked, this, &PaymentDialog::reject);
    m_page->start(orderId);
}

void PaymentDialog::reject()
{
    if (m_page->isBusy()) {
        return; // the payment is being confirmed: its outcome is shown first
    }
    QDialog::reject();
}

} // namespace Shop::Storefront
