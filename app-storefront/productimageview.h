#pragma once

#include <QUrl>
#include <QWidget>

namespace Shop::Client {
class ImageLoader;
}

namespace Shop::Storefront {

// Shows one product image at the widget's size, asking the ImageLoader at paint time for the
// screen's device pixel ratio, so it is sharp on any screen and after moving between screens.
class ProductImageView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductImageView)

public:
    explicit ProductImageView(Client::ImageLoader *images, QWidget *parent = nullptr);

    void setUrl(const QUrl &url);
    [[nodiscard]] QUrl url() const { return m_url; }
    // True once the real image (not the placeholder) has been painted.
    [[nodiscard]] bool showsImage() const { return m_showsImage; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Client::ImageLoader *m_images;
    QUrl m_url;
    bool m_showsImage = false;
};

} // namespace Shop::Storefront
