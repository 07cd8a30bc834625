#include "productimage.h"

#include <QLoggingCategory>

#include <algorithm>

namespace Shop::Server::Media {

namespace {

Q_LOGGING_CATEGORY(lcMedia, "shop.server.media")

int channel(quint32 rgb, int shift)
{
    return int((rgb >> shift) & 0xff);
}

// Mixes a towards b by t (0..1).
quint32 mix(quint32 a, quint32 b, double t)
{
    quint32 out = 0;
    for (int shift : {16, 8, 0}) {
        const double v = channel(a, shift) * (1.0 - t) + channel(b, shift) * t;
        out |= quint32(std::clamp(int(v + 0.5), 0, 255)) << shift;
    }
    return out;
}

QString hex(quint32 rgb)
{
    return u'#' + QString::number(rgb & 0xffffff, 16).rightJustified(6, u'0');
}

double luminance(quint32 rgb)
{
    return (0.299 * channel(rgb, 16) + 0.587 * channel(rgb, 8) + 0.114 * channel(rgb, 0)) / 255.0;
}

QString escapeXml(const QString &text)
{
    QString escaped = text.toHtmlEscaped(); // & < > "
    escaped.replace(u'\'', QStringLiteral("&apos;"));
    return escaped;
}

// Variation bits: which optional details a picture has.
struct Variant
{
    quint32 bits;
    [[nodiscard]] bool option(int n) const { return (bits >> (7 + n)) & 1; }
    [[nodiscard]] int count(int min, int max) const
    {
        return min + int((bits >> 12) % quint32(max - min + 1));
    }
};

// Each drawing uses $C (main colour), $D (darker), $L (lighter), $A (accent). Coordinates are in
// the 400 x 400 canvas; the object stands on y = 300..320 and is centred on x = 200.
QString drawing(ProductShape shape, const Variant &v)
{
    QString s;
    switch (shape) {
    case ProductShape::Headphones:
        s = QStringLiteral(
            "<path d=\"M112 236V190a88 88 0 0 1 176 0v46\" fill=\"none\" stroke=\"$D\" "
            "stroke-width=\"18\" stroke-linecap=\"round\"/>"
            "<rect x=\"84\" y=\"204\" width=\"56\" height=\"92\" rx=\"24\" fill=\"$C\"/>"
            "<rect x=\"260\" y=\"204\" width=\"56\" height=\"92\" rx=\"24\" fill=\"$C\"/>"
            "<rect x=\"126\" y=\"220\" width=\"16\" height=\"60\" rx=\"8\" fill=\"$L\"/>"
            "<rect x=\"258\" y=\"220\" width=\"16\" height=\"60\" rx=\"8\" fill=\"$L\"/>"
            "<circle cx=\"100\" cy=\"250\" r=\"7\" fill=\"$A\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<path d=\"M104 290q8 40 62 38\" fill=\"none\" stroke=\"$D\" "
                                "stroke-width=\"7\" stroke-linecap=\"round\"/>"
                                "<circle cx=\"170\" cy=\"328\" r=\"9\" fill=\"$D\"/>");
        }
        if (v.option(1)) {
            s += QStringLiteral("<rect x=\"170\" y=\"96\" width=\"60\" height=\"14\" rx=\"7\" "
                                "fill=\"$A\"/>");
        }
        break;
    case ProductShape::Laptop:
        s = QStringLiteral(
            "<rect x=\"94\" y=\"100\" width=\"212\" height=\"146\" rx=\"10\" fill=\"$D\"/>"
            "<rect x=\"106\" y=\"112\" width=\"188\" height=\"122\" rx=\"4\" fill=\"$L\"/>"
            "<path d=\"M66 250h268l-22 26H88z\" fill=\"$C\"/>"
            "<rect x=\"172\" y=\"252\" width=\"56\" height=\"7\" rx=\"3\" fill=\"$D\"/>");
        for (int i = 0; i < v.count(2, 4); ++i) {
            s += QStringLiteral("<rect x=\"122\" y=\"%1\" width=\"%2\" height=\"10\" rx=\"5\" "
                                "fill=\"$A\" fill-opacity=\".8\"/>")
                     .arg(130 + i * 22)
                     .arg(150 - i * 24 + (v.option(0) ? 6 : 0));
        }
        if (v.option(1)) {
            s += QStringLiteral("<circle cx=\"262\" cy=\"206\" r=\"16\" fill=\"$C\"/>");
        }
        break;
    case ProductShape::Router: {
        const int antennas = v.count(2, 4);
        for (int i = 0; i < antennas; ++i) {
            const int x = 120 + i * (160 / std::max(1, antennas - 1));
            s += QStringLiteral("<rect x=\"%1\" y=\"104\" width=\"11\" height=\"96\" rx=\"5\" "
                                "fill=\"$D\" transform=\"rotate(%2 %3 200)\"/>")
                     .arg(x - 5)
                     .arg((i - (antennas - 1) / 2.0) * 9, 0, 'f', 0)
                     .arg(x);
        }
        s += QStringLiteral(
            "<rect x=\"84\" y=\"188\" width=\"232\" height=\"88\" rx=\"18\" fill=\"$C\"/>"
            "<rect x=\"84\" y=\"248\" width=\"232\" height=\"28\" rx=\"14\" fill=\"$D\" "
            "fill-opacity=\".35\"/>"
            "<rect x=\"104\" y=\"276\" width=\"26\" height=\"10\" rx=\"3\" fill=\"$D\"/>"
            "<rect x=\"270\" y=\"276\" width=\"26\" height=\"10\" rx=\"3\" fill=\"$D\"/>");
        for (int i = 0; i < 5; ++i) {
            s += QStringLiteral("<circle cx=\"%1\" cy=\"226\" r=\"7\" fill=\"%2\"/>")
                     .arg(124 + i * 26)
                     .arg(i < 3 || v.option(0) ? QStringLiteral("$A") : QStringLiteral("$L"));
        }
        break;
    }
    case ProductShape::Kettle:
        s = QStringLiteral(
            "<path d=\"M274 188q56 0 46 62q-6 32-38 38\" fill=\"none\" stroke=\"$D\" "
            "stroke-width=\"15\" stroke-linecap=\"round\"/>"
            "<path d=\"M130 214L78 176l9-9 55 30z\" fill=\"$C\"/>"
            "<path d=\"M118 292Q106 168 200 158Q294 168 282 292z\" fill=\"$C\"/>"
            "<ellipse cx=\"200\" cy=\"160\" rx=\"56\" ry=\"12\" fill=\"$D\"/>"
            "<circle cx=\"200\" cy=\"145\" r=\"10\" fill=\"$D\"/>"
            "<rect x=\"108\" y=\"286\" width=\"184\" height=\"18\" rx=\"9\" fill=\"$D\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<rect x=\"150\" y=\"196\" width=\"16\" height=\"74\" rx=\"8\" "
                                "fill=\"$L\" fill-opacity=\".8\"/>");
        } else {
            s += QStringLiteral("<rect x=\"128\" y=\"222\" width=\"144\" height=\"14\" fill=\"$A\" "
                                "fill-opacity=\".85\"/>");
        }
        if (v.option(1)) {
            s += QStringLiteral("<circle cx=\"236\" cy=\"270\" r=\"6\" fill=\"$A\"/>");
        }
        break;
    case ProductShape::Sofa: {
        s = QStringLiteral(
            "<rect x=\"88\" y=\"146\" width=\"224\" height=\"96\" rx=\"26\" fill=\"$D\"/>");
        const int cushions = v.option(0) ? 3 : 2;
        const int w = cushions == 3 ? 60 : 92;
        for (int i = 0; i < cushions; ++i) {
            s += QStringLiteral("<rect x=\"%1\" y=\"160\" width=\"%2\" height=\"62\" rx=\"16\" "
                                "fill=\"$L\" fill-opacity=\".55\"/>")
                     .arg(104 + i * (w + 8))
                     .arg(w);
        }
        s += QStringLiteral(
            "<rect x=\"78\" y=\"214\" width=\"244\" height=\"54\" rx=\"14\" fill=\"$C\"/>"
            "<rect x=\"58\" y=\"184\" width=\"50\" height=\"98\" rx=\"20\" fill=\"$C\"/>"
            "<rect x=\"292\" y=\"184\" width=\"50\" height=\"98\" rx=\"20\" fill=\"$C\"/>"
            "<rect x=\"84\" y=\"280\" width=\"12\" height=\"26\" rx=\"3\" fill=\"#5b4636\"/>"
            "<rect x=\"304\" y=\"280\" width=\"12\" height=\"26\" rx=\"3\" fill=\"#5b4636\"/>");
        if (v.option(1)) {
            s += QStringLiteral("<rect x=\"118\" y=\"176\" width=\"46\" height=\"46\" rx=\"10\" "
                                "fill=\"$A\" transform=\"rotate(-12 141 199)\"/>");
        }
        break;
    }
    case ProductShape::Drill:
        s = QStringLiteral(
            "<path d=\"M158 204h40l16 88h-48z\" fill=\"$D\"/>"
            "<rect x=\"104\" y=\"142\" width=\"180\" height=\"68\" rx=\"30\" fill=\"$C\"/>"
            "<rect x=\"284\" y=\"158\" width=\"36\" height=\"36\" rx=\"6\" fill=\"$D\"/>"
            "<rect x=\"320\" y=\"171\" width=\"46\" height=\"10\" rx=\"3\" fill=\"#9aa3ad\"/>"
            "<rect x=\"136\" y=\"286\" width=\"96\" height=\"36\" rx=\"9\" fill=\"$C\"/>"
            "<rect x=\"210\" y=\"212\" width=\"14\" height=\"28\" rx=\"5\" fill=\"$A\"/>"
            "<path d=\"M126 160v32M140 160v32M154 160v32\" stroke=\"$D\" stroke-width=\"5\" "
            "stroke-linecap=\"round\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<rect x=\"150\" y=\"296\" width=\"68\" height=\"8\" rx=\"4\" "
                                "fill=\"$A\"/>");
        }
        if (v.option(1)) {
            s += QStringLiteral("<circle cx=\"250\" cy=\"176\" r=\"12\" fill=\"$L\"/>");
        }
        break;
    case ProductShape::Plant: {
        const int leaves = v.count(4, 7);
        for (int i = 0; i < leaves; ++i) {
            const double t = leaves == 1 ? 0.5 : double(i) / (leaves - 1);
            const int angle = int(-70 + 140 * t);
            const int length = 70 + ((v.bits >> (i + 3)) & 3) * 10;
            s += QStringLiteral("<g transform=\"rotate(%1 200 236)\"><path d=\"M200 236V%2\" "
                                "stroke=\"#3d7a36\" stroke-width=\"5\"/><ellipse cx=\"200\" "
                                "cy=\"%3\" rx=\"17\" ry=\"%4\" fill=\"%5\"/></g>")
                     .arg(angle)
                     .arg(236 - length)
                     .arg(236 - length - 14)
                     .arg(30 + (i % 2) * 6)
                     .arg(i % 2 ? QStringLiteral("#4f9d46") : QStringLiteral("#62b357"));
        }
        s += QStringLiteral("<path d=\"M140 250h120l-16 70h-88z\" fill=\"$C\"/>"
                            "<rect x=\"130\" y=\"236\" width=\"140\" height=\"24\" rx=\"6\" "
                            "fill=\"$D\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<path d=\"M146 282h108\" stroke=\"$A\" stroke-width=\"8\"/>");
        }
        break;
    }
    case ProductShape::Dumbbell:
        s = QStringLiteral(
            "<rect x=\"92\" y=\"192\" width=\"216\" height=\"16\" rx=\"8\" fill=\"#9aa3ad\"/>"
            "<rect x=\"100\" y=\"142\" width=\"30\" height=\"116\" rx=\"9\" fill=\"$C\"/>"
            "<rect x=\"134\" y=\"158\" width=\"22\" height=\"84\" rx=\"7\" fill=\"$D\"/>"
            "<rect x=\"270\" y=\"142\" width=\"30\" height=\"116\" rx=\"9\" fill=\"$C\"/>"
            "<rect x=\"244\" y=\"158\" width=\"22\" height=\"84\" rx=\"7\" fill=\"$D\"/>"
            "<path d=\"M176 192v16M188 192v16M200 192v16M212 192v16M224 192v16\" "
            "stroke=\"#6b737c\" stroke-width=\"3\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<rect x=\"70\" y=\"170\" width=\"26\" height=\"60\" rx=\"6\" "
                                "fill=\"$A\"/><rect x=\"304\" y=\"170\" width=\"26\" height=\"60\" "
                                "rx=\"6\" fill=\"$A\"/>");
        }
        break;
    case ProductShape::Tent:
        s = QStringLiteral(
            "<rect x=\"56\" y=\"288\" width=\"288\" height=\"9\" rx=\"4\" fill=\"#6b5a45\"/>"
            "<path d=\"M78 290L200 108l122 182z\" fill=\"$C\"/>"
            "<path d=\"M200 108l122 182h-70z\" fill=\"$D\"/>"
            "<path d=\"M200 186l-36 104h72z\" fill=\"#2d2a26\" fill-opacity=\".75\"/>"
            "<path d=\"M78 290l-26 12M322 290l26 12\" stroke=\"$D\" stroke-width=\"3\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<path d=\"M200 110V76l28 9-28 9\" fill=\"$A\" stroke=\"$D\" "
                                "stroke-width=\"3\"/>");
        }
        if (v.option(1)) {
            s += QStringLiteral("<path d=\"M118 232h54M108 252h46\" stroke=\"$A\" "
                                "stroke-width=\"6\"/>");
        }
        break;
    case ProductShape::TShirt:
        s = QStringLiteral(
            "<path d=\"M152 108l-42 16-42 52 38 26 20-20v120h148V182l20 20 38-26-42-52-42-16q-48 "
            "36-96 0z\" fill=\"$C\"/>"
            "<path d=\"M152 108q48 36 96 0\" fill=\"none\" stroke=\"$D\" stroke-width=\"9\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<path d=\"M126 226h148M126 250h148\" stroke=\"$L\" "
                                "stroke-width=\"12\"/>");
        } else if (v.option(1)) {
            s += QStringLiteral("<circle cx=\"200\" cy=\"210\" r=\"30\" fill=\"$A\"/>");
        } else {
            s += QStringLiteral("<rect x=\"236\" y=\"160\" width=\"26\" height=\"30\" rx=\"4\" "
                                "fill=\"$D\"/>");
        }
        break;
    case ProductShape::Dress:
        s = QStringLiteral(
            "<path d=\"M176 96h48l10 66q-4 14-4 28l62 130H108l62-130q0-14-4-28z\" fill=\"$C\"/>"
            "<path d=\"M176 96l-8-18M224 96l8-18\" stroke=\"$D\" stroke-width=\"6\" "
            "stroke-linecap=\"round\"/>"
            "<rect x=\"164\" y=\"184\" width=\"72\" height=\"12\" rx=\"5\" fill=\"$D\"/>");
        if (v.option(0)) {
            for (int i = 0; i < 6; ++i) {
                s += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"7\" fill=\"$L\"/>")
                         .arg(150 + (i % 3) * 50 + (i / 3) * 14)
                         .arg(236 + (i / 3) * 44);
            }
        } else {
            s += QStringLiteral("<path d=\"M128 292h144\" stroke=\"$A\" stroke-width=\"10\"/>");
        }
        if (v.option(1)) {
            s += QStringLiteral("<circle cx=\"226\" cy=\"190\" r=\"9\" fill=\"$A\"/>");
        }
        break;
    case ProductShape::Shoe: {
        s = QStringLiteral(
            "<path d=\"M78 252q6-62 40-68l58-6q24 36 64 42l62 12q30 8 26 30v8H78z\" "
            "fill=\"$C\"/>"
            "<path d=\"M70 268h262q2 24-22 26H86q-18-2-16-26z\" fill=\"#f4f4f2\" stroke=\"$D\" "
            "stroke-width=\"3\"/>"
            "<rect x=\"78\" y=\"196\" width=\"22\" height=\"40\" rx=\"8\" fill=\"$D\"/>");
        const int laces = v.count(3, 5);
        for (int i = 0; i < laces; ++i) {
            s += QStringLiteral("<path d=\"M%1 %2l18 6\" stroke=\"$L\" stroke-width=\"5\" "
                                "stroke-linecap=\"round\"/>")
                     .arg(160 + i * 14)
                     .arg(188 + i * 8);
        }
        s += v.option(0) ? QStringLiteral("<path d=\"M140 248q76 6 150-12\" fill=\"none\" "
                                          "stroke=\"$A\" stroke-width=\"11\" "
                                          "stroke-linecap=\"round\"/>")
                         : QStringLiteral("<path d=\"M120 256h60M200 258h50\" stroke=\"$A\" "
                                          "stroke-width=\"8\" stroke-linecap=\"round\"/>");
        break;
    }
    case ProductShape::Bottle:
        s = QStringLiteral(
            "<rect x=\"142\" y=\"158\" width=\"116\" height=\"156\" rx=\"24\" fill=\"$C\"/>"
            "<rect x=\"180\" y=\"132\" width=\"40\" height=\"30\" rx=\"4\" fill=\"$D\"/>"
            "<rect x=\"160\" y=\"206\" width=\"80\" height=\"62\" rx=\"6\" fill=\"#fff\" "
            "fill-opacity=\".88\"/>"
            "<rect x=\"172\" y=\"222\" width=\"56\" height=\"9\" rx=\"4\" fill=\"$A\"/>"
            "<rect x=\"172\" y=\"240\" width=\"38\" height=\"7\" rx=\"3\" fill=\"$D\" "
            "fill-opacity=\".6\"/>");
        s += v.option(0) ? QStringLiteral("<rect x=\"191\" y=\"100\" width=\"18\" height=\"34\" "
                                          "fill=\"$D\"/><path d=\"M178 94h72v13h-72z\" "
                                          "fill=\"$D\"/>")
                         : QStringLiteral("<rect x=\"176\" y=\"98\" width=\"48\" height=\"38\" "
                                          "rx=\"9\" fill=\"$D\"/>");
        if (v.option(1)) {
            s += QStringLiteral("<rect x=\"152\" y=\"170\" width=\"10\" height=\"130\" rx=\"5\" "
                                "fill=\"$L\" fill-opacity=\".6\"/>");
        }
        break;
    case ProductShape::Heart:
        if (v.option(0)) {
            s = QStringLiteral(
                "<path d=\"M200 306C76 222 104 124 200 178c96-54 124 44 0 128z\" fill=\"$C\"/>"
                "<path d=\"M108 222h50l16-30 20 58 20-46 14 18h66\" fill=\"none\" stroke=\"#fff\" "
                "stroke-width=\"9\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>");
        } else {
            s = QStringLiteral(
                "<path d=\"M164 160v-26h72v26\" fill=\"none\" stroke=\"$D\" stroke-width=\"13\"/>"
                "<rect x=\"96\" y=\"158\" width=\"208\" height=\"146\" rx=\"18\" fill=\"$C\"/>"
                "<path d=\"M184 192h32v26h26v32h-26v26h-32v-26h-26v-32h26z\" fill=\"#fff\"/>"
                "<rect x=\"96\" y=\"196\" width=\"208\" height=\"8\" fill=\"$D\" "
                "fill-opacity=\".4\"/>");
        }
        if (v.option(1)) {
            s += QStringLiteral("<circle cx=\"284\" cy=\"150\" r=\"16\" fill=\"$A\"/>");
        }
        break;
    case ProductShape::Car:
        s = QStringLiteral(
            "<path d=\"M66 254v-28q2-20 26-26l42-6 36-36h88l40 36 22 4q16 6 16 28v28z\" "
            "fill=\"$C\"/>"
            "<path d=\"M182 172h30v26h-62zM222 172h28l30 26h-58z\" fill=\"$L\"/>"
            "<rect x=\"320\" y=\"214\" width=\"16\" height=\"9\" rx=\"3\" fill=\"#ffd54a\"/>"
            "<rect x=\"62\" y=\"216\" width=\"12\" height=\"9\" rx=\"3\" fill=\"#e5533d\"/>"
            "<circle cx=\"126\" cy=\"256\" r=\"28\" fill=\"#2f2f33\"/>"
            "<circle cx=\"126\" cy=\"256\" r=\"11\" fill=\"#c4c8cc\"/>"
            "<circle cx=\"280\" cy=\"256\" r=\"28\" fill=\"#2f2f33\"/>"
            "<circle cx=\"280\" cy=\"256\" r=\"11\" fill=\"#c4c8cc\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<path d=\"M70 232h268\" stroke=\"$A\" stroke-width=\"7\"/>");
        }
        if (v.option(1)) {
            s += QStringLiteral("<rect x=\"176\" y=\"150\" width=\"80\" height=\"8\" rx=\"3\" "
                                "fill=\"$D\"/>");
        }
        break;
    case ProductShape::Notebook:
        s = QStringLiteral(
            "<rect x=\"116\" y=\"104\" width=\"164\" height=\"208\" rx=\"10\" fill=\"$C\"/>"
            "<rect x=\"116\" y=\"104\" width=\"26\" height=\"208\" rx=\"8\" fill=\"$D\"/>"
            "<rect x=\"164\" y=\"146\" width=\"80\" height=\"34\" rx=\"4\" fill=\"#fff\" "
            "fill-opacity=\".88\"/>"
            "<rect x=\"176\" y=\"158\" width=\"56\" height=\"8\" rx=\"4\" fill=\"$D\" "
            "fill-opacity=\".6\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<rect x=\"252\" y=\"104\" width=\"9\" height=\"208\" "
                                "fill=\"$A\"/>");
        }
        s += QStringLiteral("<g transform=\"rotate(%1 300 220)\"><rect x=\"292\" y=\"132\" "
                            "width=\"15\" height=\"134\" rx=\"6\" fill=\"$A\"/><path "
                            "d=\"M292 266h15l-7.5 20z\" fill=\"#333\"/><rect x=\"292\" y=\"132\" "
                            "width=\"15\" height=\"22\" rx=\"5\" fill=\"$D\"/></g>")
                 .arg(v.option(1) ? 28 : 14);
        break;
    case ProductShape::PetBowl:
        s = QStringLiteral(
            "<g transform=\"rotate(-14 200 168)\">"
            "<rect x=\"148\" y=\"157\" width=\"104\" height=\"24\" rx=\"8\" fill=\"#f4ead7\"/>"
            "<circle cx=\"148\" cy=\"156\" r=\"15\" fill=\"#f4ead7\"/>"
            "<circle cx=\"148\" cy=\"182\" r=\"15\" fill=\"#f4ead7\"/>"
            "<circle cx=\"252\" cy=\"156\" r=\"15\" fill=\"#f4ead7\"/>"
            "<circle cx=\"252\" cy=\"182\" r=\"15\" fill=\"#f4ead7\"/></g>"
            "<path d=\"M100 236h200l-26 66H126z\" fill=\"$C\"/>"
            "<ellipse cx=\"200\" cy=\"236\" rx=\"100\" ry=\"15\" fill=\"$D\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<circle cx=\"200\" cy=\"272\" r=\"11\" fill=\"$L\"/>"
                                "<circle cx=\"184\" cy=\"256\" r=\"5\" fill=\"$L\"/>"
                                "<circle cx=\"200\" cy=\"251\" r=\"5\" fill=\"$L\"/>"
                                "<circle cx=\"216\" cy=\"256\" r=\"5\" fill=\"$L\"/>");
        } else {
            s += QStringLiteral("<path d=\"M120 262h160\" stroke=\"$A\" stroke-width=\"9\"/>");
        }
        break;
    case ProductShape::Blocks: {
        const QString letters = QStringLiteral("ABCDEFGHJKMNPRSTXYZ");
        const auto block = [&](int x, int y, const QString &fill, int letter) {
            return QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"92\" height=\"92\" rx=\"10\" "
                                  "fill=\"%3\"/><text x=\"%4\" y=\"%5\" text-anchor=\"middle\" "
                                  "font-family=\"Helvetica,Arial,sans-serif\" font-size=\"50\" "
                                  "font-weight=\"700\" fill=\"#fff\">%6</text>")
                .arg(x)
                .arg(y)
                .arg(fill)
                .arg(x + 46)
                .arg(y + 64)
                .arg(letters.at(letter % letters.size()));
        };
        s = block(100, 214, QStringLiteral("$C"), int(v.bits >> 12))
            + block(204, 214, QStringLiteral("$A"), int(v.bits >> 16))
            + block(v.option(0) ? 152 : 128, 118, QStringLiteral("$D"), int(v.bits >> 20));
        if (v.option(1)) {
            s += QStringLiteral("<circle cx=\"290\" cy=\"180\" r=\"22\" fill=\"$L\"/>");
        }
        break;
    }
    case ProductShape::Stroller:
        s = QStringLiteral(
            "<path d=\"M290 206l30-64h22\" fill=\"none\" stroke=\"#444\" stroke-width=\"9\" "
            "stroke-linecap=\"round\"/>"
            "<path d=\"M150 262l-8 30M250 262l10 30\" stroke=\"#444\" stroke-width=\"7\"/>"
            "<path d=\"M108 204h184q0 60-60 64h-64q-60-4-60-64z\" fill=\"$C\"/>"
            "<path d=\"M108 204a92 92 0 0 1 92-92v92z\" fill=\"$D\"/>"
            "<circle cx=\"142\" cy=\"296\" r=\"24\" fill=\"none\" stroke=\"#444\" "
            "stroke-width=\"8\"/>"
            "<circle cx=\"262\" cy=\"296\" r=\"24\" fill=\"none\" stroke=\"#444\" "
            "stroke-width=\"8\"/>");
        if (v.option(0)) {
            s += QStringLiteral("<path d=\"M124 226h152\" stroke=\"$A\" stroke-width=\"8\"/>");
        }
        if (v.option(1)) {
            s += QStringLiteral("<path d=\"M132 180l30-50M170 160l20-44\" stroke=\"$L\" "
                                "stroke-width=\"6\"/>");
        }
        break;
    case ProductShape::Guitar:
        s = QStringLiteral(
            "<g transform=\"rotate(24 200 220)\">"
            "<rect x=\"192\" y=\"66\" width=\"16\" height=\"176\" fill=\"#7a5230\"/>"
            "<rect x=\"185\" y=\"42\" width=\"30\" height=\"34\" rx=\"5\" fill=\"$D\"/>"
            "<path d=\"M200 166c-52-6-82 30-62 66-30 26-20 90 62 90s92-64 "
            "62-90c20-36-10-72-62-66z\" "
            "fill=\"$C\"/>");
        s += v.option(0)
            ? QStringLiteral("<circle cx=\"200\" cy=\"236\" r=\"22\" fill=\"#2b2b2b\"/>")
            : QStringLiteral("<rect x=\"182\" y=\"222\" width=\"36\" height=\"11\" "
                             "rx=\"3\" fill=\"$A\"/><rect x=\"182\" y=\"246\" "
                             "width=\"36\" height=\"11\" rx=\"3\" fill=\"$A\"/>");
        s += QStringLiteral(
            "<rect x=\"178\" y=\"286\" width=\"44\" height=\"9\" rx=\"3\" fill=\"#3d2a1a\"/>"
            "<path d=\"M196 70v220M200 70v220M204 70v220\" stroke=\"#e8e2d4\" "
            "stroke-width=\"1.2\"/></g>");
        break;
    }
    return s;
}

QString backgroundPattern(quint32 bits, const QString &fill)
{
    switch (bits & 3) {
    case 0:
        return QStringLiteral("<circle cx=\"200\" cy=\"205\" r=\"150\" fill=\"%1\"/>").arg(fill);
    case 1:
        // Diagonal stripes, kept inside the canvas for renderers that do not clip the root.
        return QStringLiteral("<path d=\"M0 120L120 0M0 220L220 0M0 320L320 0M0 400L400 0M100 400"
                              "L400 100M200 400L400 200M300 400L400 300\" stroke=\"%1\" "
                              "stroke-width=\"28\"/>")
            .arg(fill);
    case 2: {
        QString dots = QStringLiteral("<g fill=\"%1\">").arg(fill);
        for (int y = 30; y < 400; y += 56) {
            for (int x = (y / 56) % 2 ? 58 : 30; x < 400; x += 56) {
                dots += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"7\"/>").arg(x).arg(y);
            }
        }
        return dots + QStringLiteral("</g>");
    }
    default:
        return QStringLiteral("<rect x=\"56\" y=\"62\" width=\"288\" height=\"288\" rx=\"48\" "
                              "fill=\"%1\" transform=\"rotate(8 200 206)\"/>")
            .arg(fill);
    }
}

} // namespace

QByteArray ProductImage::toSvg() const
{
    const Variant v {variant};
    const quint32 dark = mix(color, 0x000000, 0.35);
    const quint32 light =
        luminance(color) > 0.75 ? mix(color, 0x000000, 0.15) : mix(color, 0xffffff, 0.45);
    // Keep the object visible on the background: very light products get a deeper backdrop.
    const quint32 backdrop = luminance(color) > 0.8 ? mix(background, 0x000000, 0.12) : background;
    const quint32 patternFill = mix(backdrop, color, 0.14);
    const int rotation = int((v.bits >> 2) % 7) * 3 - 9;
    const double scale = 0.86 + double((v.bits >> 5) & 3) * 0.06;
    const int shift = int((v.bits >> 9) % 5) * 6 - 12;

    QString body = drawing(shape, v);
    body.replace(QLatin1String("$C"), hex(color));
    body.replace(QLatin1String("$D"), hex(dark));
    body.replace(QLatin1String("$L"), hex(light));
    body.replace(QLatin1String("$A"), hex(accent));

    const QString text = escapeXml(caption);
    QString svg =
        QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 400\" "
                       "width=\"400\" height=\"400\">");
    if (!text.isEmpty()) {
        svg += QStringLiteral("<title>") + text + QStringLiteral("</title>");
    }
    svg += QStringLiteral("<rect width=\"400\" height=\"400\" fill=\"%1\"/>").arg(hex(backdrop));
    svg += backgroundPattern(v.bits, hex(patternFill));
    svg += QStringLiteral("<ellipse cx=\"200\" cy=\"326\" rx=\"124\" ry=\"13\" fill=\"#000\" "
                          "fill-opacity=\".1\"/>");
    svg += QStringLiteral("<g transform=\"translate(%1 0) rotate(%2 200 210) translate(200 210) "
                          "scale(%3) translate(-200 -210)\">")
               .arg(shift)
               .arg(rotation)
               .arg(scale, 0, 'f', 2);
    svg += body + QStringLiteral("</g>");
    if (!text.isEmpty()) {
        svg += QStringLiteral("<text x=\"200\" y=\"376\" text-anchor=\"middle\" "
                              "font-family=\"Helvetica,Arial,sans-serif\" font-size=\"17\" "
                              "fill=\"%1\">%2</text>")
                   .arg(hex(mix(backdrop, 0x000000, 0.6)), text);
    }
    svg += QStringLiteral("</svg>");
    const QByteArray bytes = svg.toUtf8();
    if (bytes.size() > 4096) {
        qCWarning(lcMedia) << "product image larger than 4 KB:" << bytes.size() << "bytes";
    }
    return bytes;
}

} // namespace Shop::Server::Media
