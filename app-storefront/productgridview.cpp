#include "productgridview.h"

#include "client/gui/imageloader.h"
#include "client/productlistmodel.h"
#include "productcarddelegate.h"
#include "widgets/retranslator.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QEvent>
#include <QMenu>
#include <QScrollBar>

namespace Shop::Storefront {

ProductGridView::ProductGridView(Client::ImageLoader *images, QWidget *parent)
    : QListView(parent)
    , m_delegate(new ProductCardDelegate(images, this))
    , m_addToCart(new QAction(QIcon(QStringLiteral(":/shop/icons/cart.svg")), QString(), this))
{
    m_addToCart->setObjectName(QStringLiteral("gridAddToCartAction"));
    m_addToCart->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), QKeySequence(Qt::Key_Plus)});
    m_addToCart->setShortcutContext(Qt::WidgetShortcut);
    addAction(m_addToCart);
    connect(m_addToCart, &QAction::triggered, this, &ProductGridView::addCurrentToCart);
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
    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([this] {
        m_addToCart->setText(tr("Add to &Cart"));
        m_addToCart->setToolTip(tr("Add to cart (Ctrl+Shift+A or +)"));
    });

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

void ProductGridView::addCurrentToCart()
{
    const auto *products = qobject_cast<const Client::ProductListModel *>(model());
    const QModelIndex index = currentIndex();
    if (!products || !index.isValid()) {
        return;
    }
    if (const auto product = products->productAt(index.row())) {
        Q_EMIT addToCartRequested(*product);
    }
}

void ProductGridView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid()) {
        return;
    }
    setCurrentIndex(index);
    QMenu menu(this);
    QAction *open = menu.addAction(tr("&Open"));
    menu.addAction(m_addToCart);
    if (menu.exec(event->globalPos()) == open) {
        Q_EMIT productActivated(productIdAt(index));
    }
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
