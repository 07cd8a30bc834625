#include "productimagespanel.h"

#include "client/apiclient.h"
#include "client/gui/imageloader.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"

#include <QBuffer>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QLoggingCategory>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QSvgRenderer>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcProductImages, "shop.admin.productimages", QtInfoMsg)

namespace Shop::Admin {

namespace {

constexpr QSize kThumb(96, 96);
constexpr QSize kPreview(160, 160);

bool looksLikeSvg(const QByteArray &bytes)
{
    const QByteArray head = bytes.left(512).trimmed();
    return head.startsWith("<?xml") || head.startsWith("<svg") || head.contains("<svg");
}

QByteArray contentTypeOf(const QString &path, const QByteArray &bytes)
{
    if (looksLikeSvg(bytes)) {
        return QByteArrayLiteral("image/svg+xml");
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        return QByteArrayLiteral("image/png");
    }
    if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg")) {
        return QByteArrayLiteral("image/jpeg");
    }
    if (suffix == QLatin1String("webp")) {
        return QByteArrayLiteral("image/webp");
    }
    return QByteArrayLiteral("application/octet-stream"); // the server sniffs the bytes
}

} // namespace

ProductImagesPanel::ProductImagesPanel(Widgets::AppContext &context,
                                       Client::AdminCatalogClient *client, const ProductId &product,
                                       QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_client(client)
    , m_product(product)
    , m_loader(new Client::ImageLoader(this))
    , m_title(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_preview(new QLabel(this))
    , m_message(new QLabel(this))
    , m_add(new QPushButton(this))
    , m_primary(new QPushButton(this))
    , m_delete(new QPushButton(this))
{
    setObjectName(QStringLiteral("productImagesPanel"));
    setAcceptDrops(true);
    m_list->setObjectName(QStringLiteral("imageList"));
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(kThumb);
    m_list->setMovement(QListView::Static);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMinimumHeight(kThumb.height() + 48);
    m_list->setAcceptDrops(false); // the panel takes the drop
    m_preview->setObjectName(QStringLiteral("imagePreview"));
    m_preview->setFixedSize(kPreview);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_message->setObjectName(QStringLiteral("imageMessage"));
    m_message->setWordWrap(true);
    m_add->setObjectName(QStringLiteral("addImagesButton"));
    m_primary->setObjectName(QStringLiteral("primaryImageButton"));
    m_delete->setObjectName(QStringLiteral("deleteImageButton"));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_primary);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addWidget(m_preview);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(row);
    layout->addWidget(m_message);

    connect(m_add, &QPushButton::clicked, this, &ProductImagesPanel::chooseFiles);
    connect(m_primary, &QPushButton::clicked, this, &ProductImagesPanel::makeCurrentPrimary);
    connect(m_delete, &QPushButton::clicked, this, &ProductImagesPanel::deleteCurrent);
    connect(m_list, &QListWidget::currentRowChanged, this, &ProductImagesPanel::updateButtons);
    connect(m_loader, &Client::ImageLoader::imageReady, this, &ProductImagesPanel::refreshIcons);
    retranslate();
    updateButtons();
    reload();
}

void ProductImagesPanel::retranslate()
{
    m_title->setText(tr("Images (drop PNG, JPEG, WebP or SVG files here, at most 5 MiB each)"));
    m_add->setText(tr("Add Images …"));
    m_primary->setText(tr("Make Primary"));
    m_delete->setText(tr("Delete Image"));
    if (m_preview->pixmap().isNull()) {
        m_preview->setText(tr("No preview"));
    }
}

void ProductImagesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

void ProductImagesPanel::reload()
{
    if (!m_client) {
        return;
    }
    m_client->images(m_product, this, [this](Result<QList<Client::ProductImage>> result) {
        if (!result) {
            const auto text =
                Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
            setMessage(tr("The images could not be loaded: %1").arg(text.message), true);
            return;
        }
        m_images = *result;
        fillList();
        Q_EMIT loaded(int(m_images.size()));
    });
}

void ProductImagesPanel::fillList()
{
    const QString current =
        m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    m_list->clear();
    const QLocale locale;
    for (const Client::ProductImage &image : std::as_const(m_images)) {
        auto *item = new QListWidgetItem(m_list);
        item->setText(
            tr("%1 × %2").arg(locale.toString(image.width), locale.toString(image.height)));
        item->setToolTip(
            tr("%1, %2").arg(image.contentType, locale.formattedDataSize(image.bytes)));
        item->setData(Qt::UserRole, image.id);
        if (image.id == current) {
            m_list->setCurrentItem(item);
        }
    }
    refreshIcons();
    updateButtons();
}

void ProductImagesPanel::refreshIcons()
{
    const qreal dpr = devicePixelRatioF();
    for (int row = 0; row < m_list->count() && row < m_images.size(); ++row) {
        const QUrl url = m_context.api()->resolve(m_images.at(row).thumbnailUrl);
        m_list->item(row)->setIcon(QIcon(m_loader->pixmap(url, kThumb, dpr)));
    }
}

void ProductImagesPanel::updateButtons()
{
    const bool selected = m_list->currentRow() >= 0;
    m_add->setEnabled(!m_busy);
    m_primary->setEnabled(selected && !m_busy);
    m_delete->setEnabled(selected && !m_busy);
}

void ProductImagesPanel::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setProperty("error", error);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void ProductImagesPanel::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Add Images"), QString(),
        tr("Images (*.png *.jpg *.jpeg *.webp *.svg);;All files (*)"));
    addFiles(paths);
}

QStringList ProductImagesPanel::localFiles(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls()) {
        return paths;
    }
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile()) {
            paths.append(url.toLocalFile());
        }
    }
    return paths;
}

void ProductImagesPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
    }
}

void ProductImagesPanel::dropEvent(QDropEvent *event)
{
    const QStringList paths = localFiles(event->mimeData());
    if (paths.isEmpty()) {
        return;
    }
    event->acceptProposedAction();
    addFiles(paths);
}

QImage ProductImagesPanel::previewOf(const QByteArray &bytes, const QSize &box)
{
    if (looksLikeSvg(bytes)) {
        QSvgRenderer renderer(bytes);
        if (!renderer.isValid()) {
            return {};
        }
        QSize size = renderer.defaultSize();
        if (size.isEmpty()) {
            size = box;
        }
        size.scale(box, Qt::KeepAspectRatio);
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        return image;
    }
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QSize size = reader.size();
    if (size.isValid()) {
        // Decode scaled: a huge picture is never decoded at full size here.
        reader.setScaledSize(size.scaled(box, Qt::KeepAspectRatio));
    }
    return reader.read();
}

QString ProductImagesPanel::uploadErrorText(const Error &error, const QString &file)
{
    if (error.code == ErrorCode::PayloadTooLarge) {
        return tr("%1 is larger than 5 MiB, the server's limit. Save it smaller (fewer pixels or "
                  "more compression) and add it again.")
            .arg(file);
    }
    if (error.code == ErrorCode::UnsupportedMediaType) {
        return tr("%1 is not a PNG, JPEG, WebP or SVG picture, or its content does not match its "
                  "type. Save it as PNG, JPEG, WebP or SVG and add it again.")
            .arg(file);
    }
    if (error.code == ErrorCode::Validation) {
        QString code;
        for (const FieldError &field : error.fieldErrors) {
            code = field.code;
        }
        if (code == QLatin1String("image_too_large")) {
            return tr("%1 has too many pixels (the limit is 40 megapixels). Scale it down and "
                      "add it again.")
                .arg(file);
        }
        if (code == QLatin1String("unsafe_svg")) {
            return tr("%1 is an SVG with scripts, event handlers or references to other files, "
                      "which the shop does not accept. Export it as a plain SVG or as PNG and "
                      "add it again.")
                .arg(file);
        }
        return tr("%1 is not a readable picture (damaged, cut off or not an image at all). Open "
                  "it in an image editor, save it again and add it again.")
            .arg(file);
    }
    return {};
}

void ProductImagesPanel::addFiles(const QStringList &paths)
{
    m_queue.append(paths);
    if (!m_busy) {
        uploadNext();
    }
}

void ProductImagesPanel::uploadNext()
{
    if (m_queue.isEmpty() || !m_client) {
        m_busy = false;
        updateButtons();
        return;
    }
    const QString path = m_queue.takeFirst();
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (file.size() > kMaxBytes) {
        setMessage(uploadErrorText(Error {ErrorCode::PayloadTooLarge, {}, {}, {}, {}}, name), true);
        Q_EMIT uploadFailed(m_message->text());
        uploadNext();
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        setMessage(tr("%1 could not be read: %2").arg(name, file.errorString()), true);
        Q_EMIT uploadFailed(m_message->text());
        uploadNext();
        return;
    }
    const QByteArray bytes = file.readAll();
    const QImage preview = previewOf(bytes, kPreview);
    if (preview.isNull()) {
        m_preview->setPixmap({});
        m_preview->setText(tr("No preview"));
    } else {
        m_preview->setPixmap(QPixmap::fromImage(preview));
    }
    m_busy = true;
    updateButtons();
    setMessage(tr("Uploading %1 …").arg(name));
    qCInfo(lcProductImages) << "upload of" << bytes.size() << "bytes for" << m_product.toString();
    m_client->uploadImage(m_product, bytes, contentTypeOf(path, bytes), false, this,
                          [this, name](Result<Client::ProductImage> result) {
                              if (!result) {
                                  QString text = uploadErrorText(result.error(), name);
                                  if (text.isEmpty()) {
                                      text =
                                          tr("%1 was not uploaded: %2")
                                              .arg(name,
                                                   Client::UserMessages::describe(
                                                       result.error(), m_context.api()->baseUrl())
                                                       .message);
                                  }
                                  setMessage(text, true);
                                  Q_EMIT uploadFailed(text);
                              } else {
                                  setMessage(tr("%1 was added.").arg(name));
                                  m_images.append(*result);
                                  fillList();
                                  Q_EMIT uploaded(*result);
                              }
                              uploadNext();
                          });
}

void ProductImagesPanel::makeCurrentPrimary()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_images.size() || !m_client || m_busy) {
        return;
    }
    m_busy = true;
    updateButtons();
    m_client->setPrimaryImage(
        m_product, m_images.at(row).id, this, [this](Result<Client::AdminProduct> result) {
            m_busy = false;
            updateButtons();
            if (!result) {
                const auto text =
                    Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
                setMessage(tr("The image was not made primary: %1").arg(text.message), true);
                return;
            }
            setMessage(tr("The storefront shows this image first now."));
            Q_EMIT primaryChanged(*result);
        });
}

void ProductImagesPanel::deleteCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_images.size() || !m_client || m_busy) {
        return;
    }
    const QString id = m_images.at(row).id;
    m_busy = true;
    updateButtons();
    m_client->deleteImage(m_product, id, this, [this, id](Result<std::monostate> result) {
        m_busy = false;
        if (!result) {
            const auto text =
                Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
            setMessage(tr("The image was not deleted: %1").arg(text.message), true);
            updateButtons();
            return;
        }
        setMessage(tr("The image was deleted."));
        m_images.removeIf([&](const Client::ProductImage &image) { return image.id == id; });
        fillList();
        Q_EMIT deleted(id);
    });
}

} // namespace Shop::Admin
