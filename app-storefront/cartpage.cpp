#include "cartpage.h"

#include "client/gui/imageloader.h"
#include "client/usermessages.h"
#include "commerce/cartrules.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/uistyle.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Shop::Storefront {

namespace {

constexpr int kImageSide = 64;
constexpr int kQuantityDebounceMs = 400;

} // namespace

CartPage::CartPage(Widgets::AppContext &context, Client::CartClient *cart, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_cart(cart)
    , m_stack(new QStackedWidget(this))
    , m_linesWidget(new QWidget(this))
    , m_lines(new QVBoxLayout(m_linesWidget))
    , m_heading(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_subtotal(new QLabel(this))
    , m_tax(new QLabel(this))
    , m_shipping(new QLabel(this))
    , m_total(new QLabel(this))
    , m_taxNote(new QLabel(this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_emptyCart(new QPushButton(this))
    , m_checkout(new QPushButton(QIcon(QStringLiteral(":/shop/icons/cart.svg")), QString(), this))
{
    setObjectName(QStringLiteral("cartPage"));
    m_heading->setFont(Widgets::UiStyle::scaled(font(), 1.5));
    m_empty->setObjectName(QStringLiteral("cartEmptyText"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_subtotal->setObjectName(QStringLiteral("cartSubtotal"));
    m_tax->setObjectName(QStringLiteral("cartTax"));
    m_shipping->setObjectName(QStringLiteral("cartShipping"));
    m_total->setObjectName(QStringLiteral("cartTotal"));
    m_total->setFont(Widgets::UiStyle::scaled(font(), 1.2));
    m_taxNote->setObjectName(QStringLiteral("cartTaxNote"));
    m_taxNote->setWordWrap(true);
    Widgets::UiStyle::makeSecondary(m_taxNote);
    m_message->setObjectName(QStringLiteral("cartMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_message->hide();
    m_progress->setObjectName(QStringLiteral("cartProgress"));
    m_progress->setRange(0, 0); // busy
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(fontMetrics().height() / 2);
    m_progress->hide();
    m_emptyCart->setObjectName(QStringLiteral("emptyCartButton"));
    m_checkout->setObjectName(QStringLiteral("checkoutButton"));
    m_checkout->setDefault(true);
    for (QLabel *amount : {m_subtotal, m_tax, m_shipping, m_total}) {
        amount->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }

    m_lines->setContentsMargins(0, 0, 0, 0);
    m_lines->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_linesWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *totalsForm = new QFormLayout;
    auto *subtotalLabel = new QLabel(this);
    auto *taxLabel = new QLabel(this);
    auto *shippingLabel = new QLabel(this);
    auto *totalLabel = new QLabel(this);
    totalLabel->setFont(m_total->font());
    totalsForm->addRow(subtotalLabel, m_subtotal);
    totalsForm->addRow(taxLabel, m_tax);
    totalsForm->addRow(shippingLabel, m_shipping);
    totalsForm->addRow(totalLabel, m_total);
    auto *totalsBox = new QVBoxLayout;
    totalsBox->addLayout(totalsForm);
    totalsBox->addWidget(m_taxNote);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_emptyCart);
    buttons->addStretch(1);
    buttons->addWidget(m_checkout);
    totalsBox->addLayout(buttons);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addLayout(totalsBox);

    auto *filled = new QWidget(this);
    auto *filledLayout = new QVBoxLayout(filled);
    filledLayout->setContentsMargins(0, 0, 0, 0);
    filledLayout->addWidget(scroll, 1);
    filledLayout->addWidget(m_message);
    filledLayout->addWidget(m_progress);
    filledLayout->addLayout(bottom);
    m_stack->addWidget(filled);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    const int gap = fontMetrics().height();
    layout->setContentsMargins(gap, gap, gap, gap);
    layout->addWidget(m_heading);
    layout->addWidget(m_stack, 1);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([this, subtotalLabel, taxLabel, shippingLabel, totalLabel] {
        m_heading->setText(tr("Your Cart"));
        m_empty->setText(tr("Your cart is empty. Add products from the catalog with \"Add to "
                            "cart\"."));
        subtotalLabel->setText(tr("Subtotal:"));
        taxLabel->setText(tr("Tax:"));
        shippingLabel->setText(tr("Shipping:"));
        totalLabel->setText(tr("Total:"));
        m_emptyCart->setText(tr("&Empty Cart …"));
        m_checkout->setText(tr("&Check Out …"));
        rebuild();
    });

    connect(m_emptyCart, &QPushButton::clicked, this, &CartPage::askToEmpty);
    connect(m_checkout, &QPushButton::clicked, this, &CartPage::checkoutRequested);
    if (m_cart) {
        connect(m_cart, &Client::CartClient::changed, this, [this] {
            m_shortage.clear();
            m_message->hide();
            rebuild();
        });
        connect(m_cart, &Client::CartClient::busyChanged, this, &CartPage::updateTotals);
        connect(m_cart, &Client::CartClient::failed, this, &CartPage::showError);
    }
    if (context.images()) {
        connect(context.images(), &Client::ImageLoader::imageReady, this, &CartPage::updateImages);
    }
    rebuild();
}

void CartPage::refresh()
{
    m_message->hide();
    if (m_cart) {
        m_cart->refresh();
    }
}

QWidget *CartPage::lineRow(const QString &productId) const
{
    for (const Row &row : m_rows) {
        if (row.productId == productId) {
            return row.widget;
        }
    }
    return nullptr;
}

void CartPage::showShortage(const QList<Client::ShortageLine> &lines)
{
    m_shortage.clear();
    for (const Client::ShortageLine &line : lines) {
        m_shortage.insert(line.productId, line);
    }
    rebuild();
}

void CartPage::askToEmpty()
{
    if (!m_cart || m_cart->cart().lines.isEmpty() || m_question) {
        return;
    }
    m_question = new QMessageBox(
        QMessageBox::Question, tr("Empty the Cart?"),
        tr("Remove all %n item(s) from your cart?", nullptr, int(m_cart->cart().lines.size())),
        QMessageBox::Cancel, this);
    m_question->setObjectName(QStringLiteral("emptyCartQuestion"));
    QPushButton *yes = m_question->addButton(tr("Empty Cart"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("confirmEmptyCart"));
    m_question->setDefaultButton(QMessageBox::Cancel);
    m_question->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_question, &QMessageBox::finished, this, [this, yes] {
        if (m_question && m_question->clickedButton() == yes && m_cart) {
            m_cart->clear(this);
        }
    });
    m_question->open();
}

void CartPage::rebuild()
{
    if (!m_cart) {
        return;
    }
    const Commerce::CartView &cart = m_cart->cart();
    QList<QString> ids;
    for (const auto &line : cart.lines) {
        ids << line.id;
    }
    if (ids != m_rowIds) {
        for (Row &row : m_rows) {
            row.widget->deleteLater();
        }
        m_rows.clear();
        m_rowIds = ids;
        int position = 0;
        for (const auto &line : cart.lines) {
            Row row;
            row.widget = new QWidget(m_linesWidget);
            row.widget->setObjectName(QStringLiteral("cartLine"));
            row.widget->setProperty("productId", line.productId);
            row.productId = line.productId;
            row.image = new QLabel(row.widget);
            row.image->setFixedSize(kImageSide, kImageSide);
            row.name = new QLabel(row.widget);
            row.name->setObjectName(QStringLiteral("lineName"));
            row.name->setTextFormat(Qt::RichText);
            row.name->setWordWrap(true);
            row.quantity = new QSpinBox(row.widget);
            row.quantity->setObjectName(QStringLiteral("lineQuantity"));
            row.quantity->setRange(Commerce::kMinLineQuantity, Commerce::kMaxLineQuantity);
            row.quantity->setKeyboardTracking(false);
            row.remove = new QPushButton(row.widget);
            row.remove->setObjectName(QStringLiteral("removeLine"));
            row.unitPrice = new QLabel(row.widget);
            row.unitPrice->setObjectName(QStringLiteral("lineUnitPrice"));
            row.total = new QLabel(row.widget);
            row.total->setObjectName(QStringLiteral("lineTotal"));
            row.total->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row.total->setMinimumWidth(
                fontMetrics().horizontalAdvance(QStringLiteral("$0,000.00")));
            row.notice = new QLabel(row.widget);
            row.notice->setObjectName(QStringLiteral("lineNotice"));
            row.notice->setWordWrap(true);
            row.debounce = new QTimer(row.widget);
            row.debounce->setSingleShot(true);
            row.debounce->setInterval(kQuantityDebounceMs);

            auto *grid = new QGridLayout(row.widget);
            grid->setContentsMargins(0, 0, 0, fontMetrics().height() / 2);
            grid->addWidget(row.image, 0, 0, 2, 1, Qt::AlignTop);
            grid->addWidget(row.name, 0, 1);
            grid->addWidget(row.quantity, 0, 2);
            grid->addWidget(row.total, 0, 3);
            grid->addWidget(row.remove, 0, 4);
            grid->addWidget(row.unitPrice, 1, 1, 1, 4);
            grid->addWidget(row.notice, 2, 1, 1, 4);
            grid->setColumnStretch(1, 1);

            const QString lineId = line.id;
            QSpinBox *spin = row.quantity;
            connect(spin, &QSpinBox::valueChanged, row.debounce, qOverload<>(&QTimer::start));
            connect(row.debounce, &QTimer::timeout, this, [this, lineId, spin] {
                if (m_cart) {
                    m_cart->setQuantity(lineId, spin->value(), this);
                }
            });
            connect(row.remove, &QPushButton::clicked, this, [this, lineId] {
                if (m_cart) {
                    m_cart->remove(lineId, this);
                }
            });
            connect(row.name, &QLabel::linkActivated, this, &CartPage::productActivated);
            m_lines->insertWidget(position++, row.widget);
            m_rows.insert(line.id, row);
        }
    }
    for (const auto &line : cart.lines) {
        updateRow(m_rows[line.id], line);
    }
    m_stack->setCurrentIndex(cart.lines.isEmpty() ? 1 : 0);
    updateImages();
    updateTotals();
}

void CartPage::updateRow(Row &row, const Commerce::CartLineView &line)
{
    const QLocale locale;
    row.imageUrl = line.imageUrl;
    row.name->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                          .arg(line.productId.toHtmlEscaped(), line.name.toHtmlEscaped()));
    if (row.quantity->value() != line.quantity && !row.debounce->isActive()) {
        const QSignalBlocker blocker(row.quantity);
        row.quantity->setValue(line.quantity);
    }
    row.quantity->setEnabled(line.available);
    row.remove->setText(tr("Remove"));
    row.remove->setToolTip(tr("Remove %1 from the cart").arg(line.name));
    row.unitPrice->setText(tr("%1 each").arg(line.unitPrice.format(locale)));
    Widgets::UiStyle::makeSecondary(row.unitPrice);
    row.total->setText(line.available ? line.lineTotal.format(locale) : QString());

    QStringList notices;
    bool warning = false;
    if (!line.available) {
        notices << tr("This product is no longer available. Remove it to check out.");
        warning = true;
    } else {
        if (line.priceChanged()) {
            notices << tr("The price changed from %1 to %2 since you added it.")
                           .arg(line.priceAtAdd.format(locale), line.unitPrice.format(locale));
        }
        if (line.stock <= 0) {
            notices << tr("Out of stock now.");
            warning = true;
        } else if (line.stock < line.quantity) {
            notices << tr("Only %n left in stock: lower the quantity.", nullptr, line.stock);
            warning = true;
        }
    }
    if (const auto it = m_shortage.constFind(line.productId); it != m_shortage.constEnd()) {
        notices << (it->isUnavailable()
                        ? tr("Could not be ordered: no longer sold.")
                        : tr("Could not be ordered: %1 requested, only %2 available.")
                              .arg(it->requested)
                              .arg(it->available));
        warning = true;
    }
    row.notice->setText(notices.join(u' '));
    row.notice->setVisible(!notices.isEmpty());
    row.notice->setStyleSheet(warning ? QStringLiteral("color: #b02020;")
                                      : QStringLiteral("color: #a85200;"));
}

void CartPage::updateImages()
{
    Client::ImageLoader *images = m_context.images();
    if (!images) {
        return;
    }
    const qreal dpr = devicePixelRatioF();
    for (Row &row : m_rows) {
        if (row.imageUrl.isEmpty()) {
            continue;
        }
        row.image->setPixmap(images->pixmap(m_context.api()->resolve(row.imageUrl),
                                            QSize(kImageSide, kImageSide), dpr));
    }
}

void CartPage::updateTotals()
{
    if (!m_cart) {
        return;
    }
    const QLocale locale;
    const Commerce::Totals &totals = m_cart->cart().totals;
    const bool guest = m_cart->taxBasis() == QLatin1String("guest");
    m_subtotal->setText(totals.subtotal.format(locale));
    m_tax->setText(m_cart->taxPending() ? tr("calculated at checkout") : totals.tax.format(locale));
    m_shipping->setText(guest ? tr("calculated at checkout") : totals.shipping.format(locale));
    m_total->setText(guest ? totals.subtotal.format(locale) : totals.total.format(locale));
    m_taxNote->setText(m_cart->taxPending()
                           ? tr("Tax and shipping are calculated at checkout, for the address the "
                                "order goes to.")
                           : tr("Tax for your default address; checkout shows it for the address "
                                "you choose."));
    const bool busy = m_cart->isBusy();
    m_progress->setVisible(busy);
    m_emptyCart->setEnabled(!busy && !m_cart->cart().lines.isEmpty());
    m_checkout->setEnabled(!busy && totals.itemCount > 0);
}

void CartPage::showError(const Error &error)
{
    QString text = !error.fieldErrors.isEmpty()
        ? Client::UserMessages::fieldError(error.fieldErrors.first())
        : Client::UserMessages::describe(error, m_context.api()->baseUrl()).message;
    m_message->setText(text);
    m_message->show();
    if (m_cart) { // the spin boxes show what the cart holds, not what was refused
        rebuild();
    }
}

} // namespace Shop::Storefront
