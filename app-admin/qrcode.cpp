#include "qrcode.h"

#include <QPainter>

#include <qrencode.h>

namespace Shop::Admin {

QrCode QrCode::encode(const QByteArray &data)
{
    QrCode code;
    QRcode *symbol = QRcode_encodeData(int(data.size()),
                                       reinterpret_cast<const unsigned char *>(data.constData()), 0,
                                       QR_ECLEVEL_M);
    if (!symbol) {
        return code;
    }
    code.m_size = symbol->width;
    code.m_dark.reserve(qsizetype(symbol->width) * symbol->width);
    for (int i = 0; i < symbol->width * symbol->width; ++i) {
        code.m_dark.append((symbol->data[i] & 1) != 0); // bit 0: dark module
    }
    QRcode_free(symbol);
    return code;
}

bool QrCode::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size) {
        return false;
    }
    return m_dark.at(qsizetype(y) * m_size + x);
}

double QrCode::moduleSide(double side, int size)
{
    return size > 0 ? side / (size + 2 * kQuietZone) : 0.0;
}

void QrCode::paint(QPainter &painter, const QRectF &rect) const
{
    if (!isValid()) {
        return;
    }
    const double side = std::min(rect.width(), rect.height());
    const QRectF square(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side);
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.fillRect(square, Qt::white);
    painter.setBrush(Qt::black);
    const double module = moduleSide(side, m_size);
    const QPointF origin = square.topLeft() + QPointF(kQuietZone * module, kQuietZone * module);
    for (int y = 0; y < m_size; ++y) {
        for (int x = 0; x < m_size; ++x) {
            if (isDark(x, y)) {
                painter.drawRect(
                    QRectF(origin.x() + x * module, origin.y() + y * module, module, module));
            }
        }
    }
    painter.restore();
}

} // namespace Shop::Admin
