#include "productimageview.h"

#include "client/gui/imageloader.h"

#include <QPainter>

namespace Shop::Storefront {

ProductImageView::ProductImageView(Client::ImageLoader *images, QWidget *parent)
    : QWidget(parent)
    , m_images(images)
{
    connect(images, &Client::ImageLoader::imageReady, this, [this](const QUrl &url) {
        if (url == m_url) {
            update();
        }
    });
    connect(images, &Client::ImageLoader::imageFailed, this, [this](const QUrl &url) {
        if (url == m_url) {
            update();
        }
    });
}

void ProductImageView::setUrl(const QUrl &url)
{
    m_url = url;
    m_showsImage = false;
    update();
}

void ProductImageView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPixmap pixmap = m_images->pixmap(m_url, size(), devicePixelRatioF());
    m_showsImage = !m_images->isPlaceholder(pixmap);
    painter.drawPixmap(0, 0, pixmap);
}

} // namespace Shop::Storefront
