#include "packingslip.h"

#include "qrcode.h"

#include <QFile>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace Shop::Admin {

namespace {

constexpr double kQrShare = 0.22; // of the page's width

QStringList addressLines(const Commerce::OrderAddress &a)
{
    QStringList lines {a.recipientName, a.line1,
                       a.line2,         QStringList {a.postalCode, a.city}.join(u' ').trimmed(),
                       a.region,        a.country,
                       a.phone};
    lines.removeAll(QString());
    return lines;
}

} // namespace

struct PackingSlip::Metrics
{
    QFont title;
    QFont body;
    QFont bold;
    double line = 0; // body line height
    double itemsTop = 0; // the first item's baseline area on the first page
    int firstPageRows = 0;
    int otherPageRows = 0;
};

PackingSlip::PackingSlip(Commerce::OrderView order, QString storeName)
    : m_order(std::move(order))
    , m_storeName(std::move(storeName))
{ }

QRectF PackingSlip::qrRect(const QRectF &page)
{
    const double side = page.width() * kQrShare;
    return {page.right() - side, page.top(), side, side};
}

PackingSlip::Metrics PackingSlip::metrics(QPainter &painter, const QRectF &page) const
{
    Metrics m;
    // Sizes relative to the page, so that any device and resolution gives the same layout.
    m.body = QFont(painter.font());
    m.body.setPixelSize(std::max(1, int(page.width() / 60)));
    m.bold = m.body;
    m.bold.setBold(true);
    m.title = m.bold;
    m.title.setPixelSize(std::max(1, int(page.width() / 30)));
    m.line = QFontMetricsF(m.body, painter.device()).lineSpacing() * 1.2;
    const double titleLine = QFontMetricsF(m.title, painter.device()).lineSpacing();
    // Title, store, number, date; a gap; ship-to caption and up to 7 lines; a gap; the header.
    const double headerBlock = std::max(titleLine * 2 + m.line * 2, qrRect(page).height());
    m.itemsTop = page.top() + headerBlock + m.line * 10 + m.line * 1.5;
    m.firstPageRows = std::max(1, int((page.bottom() - m.itemsTop) / m.line) - 1);
    m.otherPageRows = std::max(1, int((page.height() - m.line * 3) / m.line) - 1);
    return m;
}

int PackingSlip::pageCount(QPainter &painter, const QRectF &page) const
{
    const Metrics m = metrics(painter, page);
    const int rows = int(m_order.lines.size());
    if (rows <= m.firstPageRows) {
        return 1;
    }
    return 1 + (rows - m.firstPageRows + m.otherPageRows - 1) / m.otherPageRows;
}

void PackingSlip::paintPage(QPainter &painter, const QRectF &page, int index) const
{
    const Metrics m = metrics(painter, page);
    const QLocale locale;
    painter.save();
    painter.setPen(Qt::black);
    double y = page.top();
    int first = 0;
    int count = m.firstPageRows;
    if (index == 0) {
        QrCode::encode(qrPayload()).paint(painter, qrRect(page));
        const double textWidth = page.width() - qrRect(page).width();
        painter.setFont(m.title);
        const double titleLine = QFontMetricsF(m.title, painter.device()).lineSpacing();
        painter.drawText(QRectF(page.left(), y, textWidth, titleLine), Qt::AlignLeft,
                         tr("Packing slip"));
        y += titleLine;
        painter.drawText(QRectF(page.left(), y, textWidth, titleLine), Qt::AlignLeft,
                         m_order.number);
        y += titleLine;
        painter.setFont(m.body);
        if (!m_storeName.isEmpty()) {
            painter.drawText(QRectF(page.left(), y, textWidth, m.line), Qt::AlignLeft, m_storeName);
            y += m.line;
        }
        painter.drawText(
            QRectF(page.left(), y, textWidth, m.line), Qt::AlignLeft,
            tr("Order date: %1")
                .arg(locale.toString(m_order.createdAt.toLocalTime().date(), QLocale::LongFormat)));
        y = std::max(y + m.line, qrRect(page).bottom()) + m.line;
        painter.setFont(m.bold);
        painter.drawText(QRectF(page.left(), y, page.width(), m.line), Qt::AlignLeft,
                         tr("Ship to:"));
        y += m.line;
        painter.setFont(m.body);
        for (const QString &line : addressLines(m_order.shippingAddress)) {
            painter.drawText(QRectF(page.left(), y, page.width(), m.line), Qt::AlignLeft, line);
            y += m.line;
        }
        y = m.itemsTop - m.line * 1.5;
    } else {
        first = m.firstPageRows + (index - 1) * m.otherPageRows;
        count = m.otherPageRows;
        painter.setFont(m.body);
        painter.drawText(QRectF(page.left(), y, page.width(), m.line), Qt::AlignLeft,
                         tr("Packing slip %1 (page %2)").arg(m_order.number).arg(index + 1));
        y += m.line * 2;
    }

    // The items: quantity, name, SKU.
    const double qtyWidth = page.width() * 0.12;
    const double skuWidth = page.width() * 0.28;
    const double nameWidth = page.width() - qtyWidth - skuWidth;
    const auto row = [&](const QString &qty, const QString &name, const QString &sku) {
        painter.drawText(QRectF(page.left(), y, qtyWidth * 0.8, m.line), Qt::AlignRight, qty);
        painter.drawText(QRectF(page.left() + qtyWidth, y, nameWidth, m.line), Qt::AlignLeft,
                         painter.fontMetrics().elidedText(name, Qt::ElideRight, int(nameWidth)));
        painter.drawText(QRectF(page.left() + qtyWidth + nameWidth, y, skuWidth, m.line),
                         Qt::AlignLeft, sku);
        y += m.line;
    };
    painter.setFont(m.bold);
    row(tr("Qty"), tr("Item"), tr("SKU"));
    painter.drawLine(QPointF(page.left(), y), QPointF(page.right(), y));
    painter.setFont(m.body);
    for (int i = first; i < std::min(int(m_order.lines.size()), first + count); ++i) {
        const Commerce::OrderLineView &line = m_order.lines.at(i);
        row(locale.toString(line.quantity), line.name, line.sku);
    }
    painter.restore();
}

bool PackingSlip::print(QPagedPaintDevice &device) const
{
    QPainter painter;
    if (!painter.begin(&device)) {
        return false;
    }
    const QRectF page(QPointF(0, 0),
                      device.pageLayout().paintRectPixels(device.logicalDpiX()).size());
    const int pages = pageCount(painter, page);
    for (int i = 0; i < pages; ++i) {
        if (i > 0) {
            device.newPage();
        }
        paintPage(painter, page, i);
    }
    return painter.end();
}

bool PackingSlip::writePdf(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setTitle(tr("Packing slip %1").arg(m_order.number));
        writer.setCreator(QStringLiteral("Shop Admin"));
        if (!print(writer)) {
            if (error) {
                *error = tr("The PDF could not be drawn.");
            }
            return false;
        }
    }
    file.close();
    if (file.error() != QFileDevice::NoError) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    return true;
}

} // namespace Shop::Admin
