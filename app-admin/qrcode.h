#pragma once

#include <QByteArray>
#include <QList>
#include <QRectF>

class QPainter;

namespace Shop::Admin {

// A QR code symbol from libqrencode (8-bit mode, error correction level M, the smallest version
// that fits): a square of dark and light modules. paint() draws the dark modules as filled
// squares inside a rectangle, with the four-module quiet zone the standard asks for around them.
class QrCode final
{
public:
    static constexpr int kQuietZone = 4; // modules

    // Invalid (size() 0) when libqrencode cannot encode the data (too long).
    [[nodiscard]] static QrCode encode(const QByteArray &data);

    [[nodiscard]] bool isValid() const { return m_size > 0; }
    [[nodiscard]] int size() const { return m_size; } // modules per side, without quiet zone
    [[nodiscard]] bool isDark(int x, int y) const;
    // The side of a module when the symbol and its quiet zone fill a square of side `side`.
    [[nodiscard]] static double moduleSide(double side, int size);

    // Paints into the largest square centred in `rect` (black on white).
    void paint(QPainter &painter, const QRectF &rect) const;

private:
    int m_size = 0;
    QList<bool> m_dark; // row by row
};

} // namespace Shop::Admin
