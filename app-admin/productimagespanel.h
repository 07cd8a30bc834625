#pragma once

#include "client/admincatalogclient.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QMimeData;
class QPushButton;

namespace Shop::Client {
class ImageLoader;
}

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Admin {

// A product's images in the product form: the list with thumbnails, Add Images … (a file
// dialog) or files dropped onto the panel, a preview of the picture being sent (QImageReader,
// QSvgRenderer for SVG), upload through AdminCatalogClient (one file after the other), Make
// Primary and Delete. The server's refusals (413, 415, 422) are shown in words that say what
// to do.
class ProductImagesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductImagesPanel)

public:
    static constexpr qint64 kMaxBytes = 5 * 1024 * 1024; // the server's limit

    ProductImagesPanel(Widgets::AppContext &context, Client::AdminCatalogClient *client,
                       const ProductId &product, QWidget *parent = nullptr);

    void reload();
    // Previews and uploads the files (local paths), one after the other.
    void addFiles(const QStringList &paths);
    void makeCurrentPrimary();
    void deleteCurrent();

    // A picture of the bytes for the preview; null when it cannot be read here.
    [[nodiscard]] static QImage previewOf(const QByteArray &bytes, const QSize &box);
    // What to tell staff when the server refused `file`.
    [[nodiscard]] static QString uploadErrorText(const Error &error, const QString &file);

    [[nodiscard]] QListWidget *imageList() const { return m_list; }
    [[nodiscard]] QLabel *previewLabel() const { return m_preview; }
    [[nodiscard]] QLabel *messageLabel() const { return m_message; }
    [[nodiscard]] QPushButton *addButton() const { return m_add; }
    [[nodiscard]] QPushButton *primaryButton() const { return m_primary; }
    [[nodiscard]] QPushButton *deleteButton() const { return m_delete; }
    [[nodiscard]] const QList<Client::ProductImage> &images() const { return m_images; }
    [[nodiscard]] bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void loaded(int count);
    void uploaded(const Shop::Client::ProductImage &image);
    void uploadFailed(const QString &message);
    void primaryChanged(const Shop::Client::AdminProduct &product);
    void deleted(const QString &imageId);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void chooseFiles();
    void uploadNext();
    void fillList();
    void refreshIcons();
    void updateButtons();
    void setMessage(const QString &text, bool error = false);
    [[nodiscard]] static QStringList localFiles(const QMimeData *mime);

    Widgets::AppContext &m_context;
    QPointer<Client::AdminCatalogClient> m_client;
    ProductId m_product;
    Client::ImageLoader *m_loader;
    QList<Client::ProductImage> m_images;
    QStringList m_queue;
    bool m_busy = false;
    QLabel *m_title;
    QListWidget *m_list;
    QLabel *m_preview;
    QLabel *m_message;
    QPushButton *m_add;
    QPushButton *m_primary;
    QPushButton *m_delete;
};

} // namespace Shop::Admin
