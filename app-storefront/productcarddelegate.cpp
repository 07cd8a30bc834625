#include "productcarddelegate.h"

#include "client/gui/imageloader.h"
#include "client/productlistmodel.h"

#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

namespace Shop::Storefront {

using Client::ProductListModel;

namespace {

struct Metrics
{
    int padding;
    int width;
    int image;
    int nameLines = 2;
};

Metrics metricsFor(const QFontMetrics &fm)
{
    const int line = fm.height();
    Metrics m;
    m.padding = std::max(4, line / 2);
    m.width = line * 12;
    m.image = m.width - 2 * m.padding;
    return m;
}

QFont priceFont(QFont font)
{
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    return font;
}

QFont smallFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.9);
    return font;
}

// Lays `text` out in at most `maxLines` lines of `width`, eliding the last one; returns the height.
int drawWrapped(QPainter *painter, const QFont &font, const QString &text, const QPointF &topLeft,
                int width, int maxLines)
{
    const QFontMetrics fm(font);
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal y = 0;
    int lines = 0;
    QList<std::pair<QString, qreal>> shown;
    while (lines < maxLines) {
        QTextLine line = layout.createLine();
        if (!line.isValid()) {
            break;
        }
        line.setLineWidth(width);
        ++lines;
        QString part = text.mid(line.textStart(), line.textLength());
        if (lines == maxLines && line.textStart() + line.textLength() < text.size()) {
            part = fm.elidedText(text.mid(line.textStart()), Qt::ElideRight, width);
        }
        shown.append({part.trimmed(), y});
        y += fm.lineSpacing();
    }
    layout.endLayout();
    painter->setFont(font);
    for (const auto &[part, offset] : shown) {
        painter->drawText(QPointF(topLeft.x(), topLeft.y() + offset + fm.ascent()), part);
    }
    return maxLines * fm.lineSpacing();
}

} // namespace

ProductCardDelegate::ProductCardDelegate(Client::ImageLoader *images, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_images(images)
{ }

QSize ProductCardDelegate::imageSize(const QFont &font)
{
    const Metrics m = metricsFor(QFontMetrics(font));
    return {m.image, m.image * 3 / 4};
}

QSize ProductCardDelegate::cardSize(const QFont &base)
{
    const QFontMetrics fm(base);
    const Metrics m = metricsFor(fm);
    QFont nameFont = base;
    nameFont.setWeight(QFont::DemiBold);
    const int nameHeight = 2 * QFontMetrics(nameFont).lineSpacing();
    const int brandHeight = QFontMetrics(smallFont(base)).lineSpacing();
    const int priceHeight = QFontMetrics(priceFont(base)).lineSpacing();
    const int stockHeight = QFontMetrics(smallFont(base)).lineSpacing();
    const int height = m.padding + imageSize(base).height() + m.padding + nameHeight + brandHeight
        + m.padding / 2 + priceHeight + stockHeight + m.padding;
    return {m.width, height};
}

QSize ProductCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return cardSize(option.font);
}

void ProductCardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const QFontMetrics fm = option.fontMetrics;
    const Metrics m = metricsFor(fm);
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const bool focused = option.state & QStyle::State_HasFocus;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    // The card.
    const QRectF card = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5);
    const qreal radius = m.padding * 0.75;
    QColor border = palette.color(QPalette::Mid);
    border.setAlpha(110);
    if (hovered) {
        border = palette.color(QPalette::Highlight);
        border.setAlpha(140);
    }
    if (selected || focused) {
        border = palette.color(QPalette::Highlight);
    }
    QColor fill = palette.color(QPalette::Base);
    if (selected) {
        fill = palette.color(QPalette::Highlight);
        fill.setAlpha(28);
        fill = QColor::fromRgbF(palette.color(QPalette::Base).redF() * (1 - fill.alphaF())
                                    + fill.redF() * fill.alphaF(),
                                palette.color(QPalette::Base).greenF() * (1 - fill.alphaF())
                                    + fill.greenF() * fill.alphaF(),
                                palette.color(QPalette::Base).blueF() * (1 - fill.alphaF())
                                    + fill.blueF() * fill.alphaF());
    }
    painter->setPen(QPen(border, selected || focused ? 2.0 : 1.0));
    painter->setBrush(fill);
    painter->drawRoundedRect(card, radius, radius);

    // The image, clipped to the card's rounded top.
    const QSize image = imageSize(option.font);
    const QRect imageRect(option.rect.left() + m.padding, option.rect.top() + m.padding,
                          image.width(), image.height());
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QUrl url = index.data(ProductListModel::ImageUrlRole).toUrl();
    const QPixmap pixmap = m_images ? m_images->pixmap(url, image, dpr) : QPixmap();
    if (!pixmap.isNull()) {
        QPainterPath clip;
        clip.addRoundedRect(QRectF(imageRect), radius / 2, radius / 2);
        painter->save();
        painter->setClipPath(clip);
        painter->drawPixmap(imageRect.topLeft(), pixmap);
        painter->restore();
    }

    // Texts.
    const int textLeft = option.rect.left() + m.padding;
    const int textWidth = option.rect.width() - 2 * m.padding;
    qreal y = imageRect.bottom() + 1 + m.padding;
    painter->setPen(palette.color(QPalette::Text));
    QFont nameFont = option.font;
    nameFont.setWeight(QFont::DemiBold);
    y += drawWrapped(painter, nameFont, index.data(ProductListModel::NameRole).toString(),
                     QPointF(textLeft, y), textWidth, 2);

    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    painter->setFont(small);
    QColor secondary = palette.color(QPalette::Text);
    secondary.setAlpha(165);
    painter->setPen(secondary);
    const QString brand = index.data(ProductListModel::BrandRole).toString();
    painter->drawText(QPointF(textLeft, y + smallMetrics.ascent()),
                      smallMetrics.elidedText(brand, Qt::ElideRight, textWidth));
    y += smallMetrics.lineSpacing() + m.padding / 2;

    const QFont price = priceFont(option.font);
    const QFontMetrics priceMetrics(price);
    painter->setFont(price);
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(
        QPointF(textLeft, y + priceMetrics.ascent()),
        priceMetrics.elidedText(index.data(ProductListModel::FormattedPriceRole).toString(),
                                Qt::ElideRight, textWidth));
    y += priceMetrics.lineSpacing();

    const int stock = index.data(ProductListModel::StockQuantityRole).toInt();
    QColor stockColor = stock <= 0 ? QColor(0xb0, 0x20, 0x20)
        : stock <= 5               ? QColor(0xa8, 0x52, 0x00)
                                   : QColor(0x1e, 0x7e, 0x34);
    painter->setFont(small);
    painter->setPen(stockColor);
    painter->drawText(
        QPointF(textLeft, y + smallMetrics.ascent()),
        smallMetrics.elidedText(index.data(ProductListModel::StockTextRole).toString(),
                                Qt::ElideRight, textWidth));
    painter->restore();
}

} // namespace Shop::Storefront
