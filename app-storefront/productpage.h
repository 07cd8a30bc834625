#pragma once

#include "catalog/product.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace Shop::Client {
class CartClient;
class CatalogClient;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Storefront {

class ProductImageView;

// One product: large image, name, brand, price, availability, description, quantity (1 to 99,
// at most the stock) and an Add-to-cart button (disabled when out of stock or without a cart).
class ProductPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductPage)

public:
    explicit ProductPage(Widgets::AppContext &context, QWidget *parent = nullptr);
    ~ProductPage() override;

    // Loads and shows the product; shows a loading state meanwhile.
    void showProduct(const QString &productId);
    void reload();
    // The cart "Add to cart" puts the product into (not owned; may be null: no cart).
    void setCart(Client::CartClient *cart);
    void addToCart();

    [[nodiscard]] QString productId() const { return m_productId; }
    [[nodiscard]] const std::optional<Product> &product() const { return m_product; }
    [[nodiscard]] bool isShowingProduct() const;
    [[nodiscard]] ProductImageView *imageView() const { return m_image; }
    [[nodiscard]] Widgets::StatusPanel *statusPanel() const { return m_status; }

Q_SIGNALS:
    void productLoaded(const QString &productId);
    void categoryRequested(const QString &slug);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void display(const Product &product);
    void updateImageSize();
    void updateCartControls();
    [[nodiscard]] QSize imageSize() const;

    Widgets::AppContext &m_context;
    Client::CatalogClient *m_catalog;
    QString m_productId;
    std::optional<Product> m_product;
    quint64 m_request = 0;
    QStackedWidget *m_stack;
    Widgets::StatusPanel *m_status;
    QWidget *m_content;
    ProductImageView *m_image;
    QLabel *m_name;
    QLabel *m_brand;
    QLabel *m_category;
    QLabel *m_price;
    QLabel *m_availability;
    QLabel *m_sku;
    QLabel *m_description;
    QSpinBox *m_quantity;
    QPushButton *m_addToCart;
    QLabel *m_cartNote = nullptr;
    QPointer<Client::CartClient> m_cart;
    bool m_adding = false;
};

} // namespace Shop::Storefront
