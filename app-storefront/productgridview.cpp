#include "productgridview.h"

#include "client/gui/imageloader.h"
#include "client/productlistmodel.h"
#include "productcarddelegate.h"

#include <QEvent>
#include <QScrollBar>

namespace Shop::Storefront {

ProductGridView::ProductGridView(Client::ImageLoader *images, QWidget *parent)
    : QListView(parent)
    , m_delegate(new ProductCardDelegate(images, this))
{
    setItemDelegate(m_delegate);
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionRectVisible(false);
    setMouseTracking(true); // hover highlight
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(false);
    setFrameShape(QFrame::NoFrame);
    setAttribute(Qt::WA_MacShowFocusRect, false);
    updateSpacing();

    if (images) {
        connect(images, &Client::ImageLoader::imageReady, viewport(),
                qOverload<>(&QWidget::update));
    }
    connect(this, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (const QString id = productIdAt(index); !id.isEmpty()) {
            Q_EMIT productActivated(id);
        }
    });
    connect(this, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) {
        if (const QString id = productIdAt(index); !id.isEmpty()) {
            Q_EMIT productActivated(id);
        }
    });
}

void ProductGridView::setStripMode(bool strip)
{
    m_strip = strip;
    setFlow(QListView::LeftToRight);
    setWrapping(!strip);
    setHorizontalScrollBarPolicy(strip ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(strip ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, strip ? QSizePolicy::Fixed : QSizePolicy::Expanding);
    updateGrid();
    updateGeometry();
}

QSize ProductGridView::sizeHint() const
{
    const QSize card = ProductCardDelegate::cardSize(font());
    if (m_strip) {
        const int height = card.height() + 2 * spacing()
            + horizontalScrollBar()->sizeHint().height() + 2 * frameWidth();
        return {card.width() * 4, height};
    }
    return {card.width() * 4 + 5 * spacing(), card.height() * 2 + 3 * spacing()};
}

QString ProductGridView::productIdAt(const QModelIndex &index) const
{
    return index.isValid() ? index.data(Client::ProductListModel::IdRole).toString() : QString();
}

void ProductGridView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        updateSpacing();
    }
    QListView::changeEvent(event);
}

void ProductGridView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    updateGrid();
}

void ProductGridView::updateSpacing()
{
    setSpacing(std::max(4, fontMetrics().height() / 2));
    updateGrid();
    updateGeometry();
}

void ProductGridView::updateGrid()
{
    if (m_strip) {
        if (gridSize().isValid()) {
            setGridSize(QSize());
        }
        return;
    }
    const QSize card = ProductCardDelegate::cardSize(font());
    const int gap = spacing();
    const int available = std::max(card.width(), viewport()->width() - gap);
    const int columns = std::max(1, available / (card.width() + gap));
    const QSize cell(available / columns, card.height() + gap);
    if (gridSize() != cell) {
        setGridSize(cell);
    }
}

} // namespace Shop::Storefront
