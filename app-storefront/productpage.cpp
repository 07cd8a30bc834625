#include "productpage.h"

#include "client/cartclient.h"
#include "client/catalogclient.h"
#include "client/usermessages.h"
#include "commerce/cartrules.h"
#include "productimageview.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"
#include "widgets/uistyle.h"

#include <QGridLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcProductPage, "shop.storefront.product", QtInfoMsg)

namespace Shop::Storefront {

namespace {

QFont scaled(QFont font, qreal factor, bool bold)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

} // namespace

ProductPage::ProductPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_catalog(new Client::CatalogClient(context.api(), this))
    , m_stack(new QStackedWidget(this))
    , m_status(new Widgets::StatusPanel(this))
    , m_content(new QWidget(this))
    , m_image(new ProductImageView(context.images(), m_content))
    , m_name(new QLabel(m_content))
    , m_brand(new QLabel(m_content))
    , m_category(new QLabel(m_content))
    , m_price(new QLabel(m_content))
    , m_availability(new QLabel(m_content))
    , m_sku(new QLabel(m_content))
    , m_description(new QLabel(m_content))
    , m_quantity(new QSpinBox(m_content))
    , m_addToCart(
          new QPushButton(QIcon(QStringLiteral(":/shop/icons/cart.svg")), QString(), m_content))
{
    setObjectName(QStringLiteral("productPage"));
    m_image->setObjectName(QStringLiteral("productImage"));
    m_name->setObjectName(QStringLiteral("productName"));
    m_brand->setObjectName(QStringLiteral("productBrand"));
    m_category->setObjectName(QStringLiteral("productCategory"));
    m_price->setObjectName(QStringLiteral("productPrice"));
    m_availability->setObjectName(QStringLiteral("productAvailability"));
    m_sku->setObjectName(QStringLiteral("productSku"));
    m_description->setObjectName(QStringLiteral("productDescription"));
    m_quantity->setObjectName(QStringLiteral("quantitySpin"));
    m_addToCart->setObjectName(QStringLiteral("addToCartButton"));

    m_name->setFont(scaled(font(), 1.6, true));
    m_name->setWordWrap(true);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_price->setFont(scaled(font(), 1.5, true));
    m_availability->setFont(scaled(font(), 1.0, true));
    Widgets::UiStyle::makeSecondary(m_sku);
    m_sku->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_description->setTextFormat(Qt::PlainText);
    m_category->setTextFormat(Qt::RichText);
    m_category->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_image->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);

    m_quantity->setRange(1, 1);
    m_quantity->setAccelerated(true);
    m_addToCart->setEnabled(false);
    // Disabled widgets show no tooltip by default; show it anyway so people learn why.
    m_addToCart->setAttribute(Qt::WA_AlwaysShowToolTips);
    auto *quantityLabel = new QLabel(m_content);
    quantityLabel->setBuddy(m_quantity);
    auto *cartNote = new QLabel(m_content);
    m_cartNote = cartNote;
    cartNote->setObjectName(QStringLiteral("cartNote"));
    cartNote->setWordWrap(true);
    cartNote->hide();

    auto *buyRow = new QHBoxLayout;
    buyRow->addWidget(quantityLabel);
    buyRow->addWidget(m_quantity);
    buyRow->addSpacing(fontMetrics().height());
    buyRow->addWidget(m_addToCart);
    buyRow->addStretch(1);

    auto *detailsWidget = new QWidget(m_content);
    auto *details = new QVBoxLayout(detailsWidget);
    details->setContentsMargins(0, 0, 0, 0);
    details->addWidget(m_name);
    details->addWidget(m_brand);
    details->addWidget(m_category);
    details->addSpacing(fontMetrics().height() / 2);
    details->addWidget(m_price);
    details->addWidget(m_availability);
    details->addSpacing(fontMetrics().height() / 2);
    details->addLayout(buyRow);
    details->addWidget(cartNote);
    details->addSpacing(fontMetrics().height());
    auto *descriptionHeading = new QLabel(m_content);
    descriptionHeading->setFont(scaled(font(), 1.1, true));
    details->addWidget(descriptionHeading);
    details->addWidget(m_description);
    details->addWidget(m_sku);

    auto *contentLayout = new QHBoxLayout(m_content);
    const int gap = fontMetrics().height();
    contentLayout->setContentsMargins(gap, gap, gap, gap);
    contentLayout->setSpacing(gap * 2);
    contentLayout->addWidget(m_image, 0, Qt::AlignTop);
    contentLayout->addWidget(detailsWidget, 1, Qt::AlignTop);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(scroll);
    m_stack->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &ProductPage::reload);
    connect(m_category, &QLabel::linkActivated, this, &ProductPage::categoryRequested);
    setTabOrder(m_quantity, m_addToCart);
    connect(m_addToCart, &QPushButton::clicked, this, &ProductPage::addToCart);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([this, quantityLabel, descriptionHeading] {
        m_addToCart->setText(tr("Add to cart"));
        quantityLabel->setText(tr("&Quantity:"));
        descriptionHeading->setText(tr("Description"));
        updateCartControls();
        if (m_product) { // the product's texts and price in the new language and locale
            const int quantity = m_quantity->value();
            display(*m_product);
            m_quantity->setValue(quantity);
        }
    });
}

ProductPage::~ProductPage()
{
    if (m_request != 0) {
        m_catalog->cancel(m_request);
    }
}

bool ProductPage::isShowingProduct() const
{
    return m_stack->currentIndex() == 0 && m_product.has_value();
}

void ProductPage::showProduct(const QString &productId)
{
    if (productId == m_productId && m_product) {
        return;
    }
    m_productId = productId;
    reload();
}

void ProductPage::reload()
{
    const auto id = ProductId::parse(m_productId);
    m_product.reset();
    if (!id) {
        m_status->showError(tr("Not found"),
                            tr("This product does not exist. Go back and choose "
                               "another one."));
        m_stack->setCurrentWidget(m_status);
        return;
    }
    m_status->showLoading(tr("Loading the product …"));
    m_stack->setCurrentWidget(m_status);
    m_context.images()->retryFailed();
    Client::CallOptions options;
    options.supersedeKey = QStringLiteral("product-page");
    const QString requested = m_productId;
    m_request = m_catalog->product(
        *id, this,
        [this, requested](Result<Product> result) {
            m_request = 0;
            if (requested != m_productId) {
                return;
            }
            if (!result) {
                qCInfo(lcProductPage)
                    << "product" << requested << "failed:" << result.error().message;
                const auto text =
                    Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
                m_status->showError(text.title, text.message);
                m_stack->setCurrentWidget(m_status);
                return;
            }
            display(*result);
            Q_EMIT productLoaded(requested);
        },
        options);
}

void ProductPage::display(const Product &product)
{
    m_product = product;
    const QLocale locale;
    m_name->setText(product.name);
    m_brand->setText(product.brand.isEmpty() ? QString() : tr("by %1").arg(product.brand));
    m_brand->setVisible(!product.brand.isEmpty());
    if (product.categorySlug.isEmpty()) {
        m_category->clear();
        m_category->hide();
    } else {
        m_category->setText(tr("Category: %1")
                                .arg(QStringLiteral("<a href=\"%1\">%2</a>")
                                         .arg(product.categorySlug.toHtmlEscaped(),
                                              product.categoryName.toHtmlEscaped())));
        m_category->show();
    }
    m_price->setText(product.price.format(locale));
    if (product.stockQuantity <= 0) {
        m_availability->setText(tr("Out of stock"));
        m_availability->setStyleSheet(QStringLiteral("color: #b02020;"));
    } else if (product.stockQuantity <= 5) {
        m_availability->setText(tr("Only %n left in stock", nullptr, product.stockQuantity));
        m_availability->setStyleSheet(QStringLiteral("color: #a85200;"));
    } else {
        m_availability->setText(
            tr("In stock (%1 available)").arg(locale.toString(product.stockQuantity)));
        m_availability->setStyleSheet(QStringLiteral("color: #1e7e34;"));
    }
    m_quantity->setRange(1, std::clamp(product.stockQuantity, 1, Commerce::kMaxLineQuantity));
    m_quantity->setValue(1);
    m_cartNote->hide();
    updateCartControls();
    m_description->setText(product.description.isEmpty() ? tr("No description.")
                                                         : product.description);
    m_sku->setText(tr("Article number: %1").arg(product.sku));
    m_image->setUrl(m_context.api()->resolve(product.imageUrl));
    updateImageSize();
    m_stack->setCurrentIndex(0);
}

void ProductPage::setCart(Client::CartClient *cart)
{
    m_cart = cart;
    updateCartControls();
}

void ProductPage::updateCartControls()
{
    const bool inStock = m_product && m_product->stockQuantity > 0 && m_product->isActive;
    m_quantity->setEnabled(inStock && !m_adding);
    m_addToCart->setEnabled(inStock && m_cart && !m_adding);
    m_addToCart->setToolTip(!m_product || inStock ? tr("Put this quantity into your cart")
                                                  : tr("Out of stock: it cannot be ordered now."));
}

void ProductPage::addToCart()
{
    if (!m_product || !m_cart || m_adding) {
        return;
    }
    m_adding = true;
    updateCartControls();
    const int quantity = m_quantity->value();
    const QString name = m_product->name;
    m_cart->add(
        *m_product, quantity, this, [this, quantity, name](Result<Commerce::CartView> result) {
            m_adding = false;
            updateCartControls();
            if (result) {
                m_cartNote->setText(tr("Added %1 × %2 to your cart.").arg(quantity).arg(name));
                m_cartNote->setStyleSheet(QStringLiteral("color: #1e7e34;"));
            } else {
                const Error &error = result.error();
                QString text = !error.fieldErrors.isEmpty()
                    ? Client::UserMessages::fieldError(error.fieldErrors.first())
                    : Client::UserMessages::describe(error, m_context.api()->baseUrl()).message;
                m_cartNote->setText(tr("Not added: %1").arg(text));
                m_cartNote->setStyleSheet(QStringLiteral("color: #b02020;"));
            }
            m_cartNote->show();
        });
}

QSize ProductPage::imageSize() const
{
    // Large and square (product pictures usually are), leaving the details most of the width.
    const int line = fontMetrics().height();
    const int side = std::clamp(int(width() * 0.4), line * 12, line * 30);
    return {side, side};
}

void ProductPage::updateImageSize()
{
    if (m_image->size() != imageSize()) {
        m_image->setFixedSize(imageSize());
    }
}

void ProductPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateImageSize();
}

} // namespace Shop::Storefront
