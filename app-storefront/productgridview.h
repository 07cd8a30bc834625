#pragma once

#include "catalog/product.h"

#include <QListView>

class QAction;

namespace Shop::Client {
class ImageLoader;
}

namespace Shop::Storefront {

class ProductCardDelegate;

// A grid of product cards over a ProductListModel: QListView in icon mode with uniform item
// sizes, so it lays out any number of products quickly and asks the model for more rows as the
// user scrolls. Enter or a click opens a product (productActivated); the context menu, Ctrl+Shift+A
// or "+" put the current product into the cart (addToCartRequested). In strip mode it is a single
// scrollable row (the home page's "New arrivals").
class ProductGridView final : public QListView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductGridView)

public:
    explicit ProductGridView(Client::ImageLoader *images, QWidget *parent = nullptr);

    void setStripMode(bool strip);
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QString productIdAt(const QModelIndex &index) const;
    [[nodiscard]] QAction *addToCartAction() const { return m_addToCart; }

Q_SIGNALS:
    void productActivated(const QString &productId);
    void addToCartRequested(const Shop::Product &product);

protected:
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateSpacing();
    // Spreads the columns over the whole width, so a grid has no ragged empty band on the right.
    void updateGrid();

    void addCurrentToCart();

    ProductCardDelegate *m_delegate;
    QAction *m_addToCart;
    bool m_strip = false;
};

} // namespace Shop::Storefront
