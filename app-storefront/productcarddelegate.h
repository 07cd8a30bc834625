#pragma once

#include <QPointer>
#include <QStyledItemDelegate>

namespace Shop::Client {
class ImageLoader;
}

namespace Shop::Storefront {

// Paints a product as a card: image, name (two lines), brand, price and stock state. Reads only
// the model's roles; images come from the ImageLoader's memory cache or as a placeholder (the
// loader fetches them in the background and the view repaints when they arrive). Sizes follow
// the font, so cards scale with the user's font and the screen's DPI.
class ProductCardDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductCardDelegate)

public:
    explicit ProductCardDelegate(Client::ImageLoader *images, QObject *parent = nullptr);

    [[nodiscard]] static QSize cardSize(const QFont &font);
    [[nodiscard]] static QSize imageSize(const QFont &font);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const override;

private:
    QPointer<Client::ImageLoader> m_images;
};

} // namespace Shop::Storefront
