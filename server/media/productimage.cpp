#include "productimage.h"

#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

namespace Shop::Demo {

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

// Text in the drawing (a display, a label): the caption's font, centred on x.
QString label(int x, int y, int size, const QString &fill, const QString &text)
{
    return QStringLiteral("<text x='%1' y='%2' text-anchor='middle' "
                          "font-family='Helvetica,Arial,sans-serif' font-size='%3' "
                          "font-weight='700' fill='%4'>%5</text>")
        .arg(x)
        .arg(y)
        .arg(size)
        .arg(fill, text);
}

// One drawing per ProductShape, in the enum's order. Each uses $C (main colour), $D (darker), $L
// (lighter), $A (accent); neutral parts (metal, rubber, wood, glass, skin) have fixed colours.
// Coordinates are in the 400 x 400 canvas; the object stands on y = 300..320 and is centred on
// x = 200. Attributes are single-quoted so the snippets need no escaping. Each drawing varies with
// Variant::option(0), option(1) and count(): optional parts, a second style, how many of a thing.

// ---- Electronics

QString headphones(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M112 236V190a88 88 0 0 1 176 0v46' fill='none' stroke='$D' "
                       "stroke-width='18' stroke-linecap='round'/>"
                       "<rect x='84' y='204' width='56' height='92' rx='24' fill='$C'/>"
                       "<rect x='260' y='204' width='56' height='92' rx='24' fill='$C'/>"
                       "<rect x='126' y='220' width='16' height='60' rx='8' fill='$L'/>"
                       "<rect x='258' y='220' width='16' height='60' rx='8' fill='$L'/>"
                       "<circle cx='100' cy='250' r='7' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M104 290q8 40 62 38' fill='none' stroke='$D' "
                            "stroke-width='7' stroke-linecap='round'/>"
                            "<circle cx='170' cy='328' r='9' fill='$D'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<rect x='170' y='96' width='60' height='14' rx='7' "
                            "fill='$A'/>");
    }
    return s;
}

QString earbuds(const Variant &v)
{
    // The charging case with a bud on each side.
    QString s = QStringLiteral("<rect x='128' y='196' width='144' height='112' rx='46' fill='$C'/>"
                               "<path d='M130 236h140' stroke='$D' stroke-width='4'/>"
                               "<circle cx='200' cy='276' r='6' fill='$A'/>");
    for (int side : {-1, 1}) {
        const int x = 200 + side * 106;
        s += QStringLiteral("<rect x='%1' y='150' width='26' height='%2' rx='13' fill='$C'/>"
                            "<circle cx='%3' cy='150' r='32' fill='$C'/>"
                            "<ellipse cx='%4' cy='146' rx='14' ry='18' fill='$D'/>"
                            "<circle cx='%5' cy='138' r='7' fill='$L'/>")
                 .arg(x - 13)
                 .arg(v.option(0) ? 46 : 100)
                 .arg(x)
                 .arg(x - side * 24)
                 .arg(x + side * 10);
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M150 202h100' stroke='$L' stroke-width='6' "
                            "stroke-linecap='round'/>");
    }
    return s;
}

QString speaker(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M170 166h12M194 166h12M218 166h12' stroke='$D' stroke-width='8' "
                       "stroke-linecap='round'/>"
                       "<rect x='76' y='168' width='248' height='116' rx='58' fill='$C'/>"
                       "<path d='M120 196h160M128 216h144M120 236h160M128 256h144' stroke='$D' "
                       "stroke-width='9' stroke-linecap='round' stroke-dasharray='1 15'/>"
                       "<ellipse cx='96' cy='226' rx='18' ry='52' fill='$D'/>"
                       "<ellipse cx='304' cy='226' rx='18' ry='52' fill='$D'/>"
                       "<rect x='180' y='268' width='40' height='8' rx='4' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M320 204q30 22 0 44' fill='none' stroke='$A' "
                            "stroke-width='8'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='96' cy='226' r='14' fill='$A'/>"
                            "<circle cx='304' cy='226' r='14' fill='$A'/>");
    }
    return s;
}

QString soundbar(const Variant &v)
{
    QString s;
    if (v.option(1)) { // the TV it sits under
        s += QStringLiteral("<rect x='72' y='66' width='256' height='146' rx='6' fill='#2b2d31'/>"
                            "<rect x='80' y='74' width='240' height='126' fill='#4a5a70'/>"
                            "<path d='M80 200l80-60 50 40 40-30 70 50z' fill='#5d7290'/>");
    }
    if (v.option(0)) { // subwoofer
        s += QStringLiteral("<rect x='250' y='136' width='100' height='168' rx='14' fill='$D'/>"
                            "<circle cx='300' cy='200' r='34' fill='$C'/>"
                            "<circle cx='300' cy='200' r='12' fill='$D'/>");
    }
    s += QStringLiteral(
        "<rect x='44' y='216' width='312' height='62' rx='28' fill='$C'/>"
        "<rect x='64' y='216' width='272' height='9' rx='4' fill='$L' fill-opacity='.6'/>"
        "<path d='M72 238h256M80 252h240M72 266h256' stroke='$D' stroke-width='7' "
        "stroke-linecap='round' stroke-dasharray='1 11'/>"
        "<circle cx='200' cy='252' r='6' fill='$A'/>"
        "<path d='M84 282h24M292 282h24' stroke='$D' stroke-width='8'/>");
    return s;
}

QString smartwatch(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='164' y='64' width='72' height='272' rx='22' fill='$D'/>"
                       "<rect x='266' y='168' width='14' height='34' rx='5' fill='$D'/>"
                       "<rect x='268' y='214' width='9' height='26' rx='3' fill='$D'/>"
                       "<rect x='132' y='120' width='136' height='160' rx='38' fill='$C'/>"
                       "<rect x='146' y='134' width='108' height='132' rx='28' fill='#1d1f24'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M200 292v40' stroke='$C' stroke-width='7' "
                            "stroke-linecap='round' stroke-dasharray='1 12'/>");
    }
    if (v.option(1)) {
        s += label(200, 212, 30, QStringLiteral("#fff"), QStringLiteral("10:09"))
            + QStringLiteral("<rect x='176' y='226' width='48' height='7' rx='3' fill='$A'/>");
    } else {
        s += QStringLiteral(
            "<circle cx='200' cy='200' r='40' fill='none' stroke='$A' stroke-width='10' "
            "stroke-dasharray='190 300' stroke-linecap='round' transform='rotate(-90 200 200)'/>"
            "<circle cx='200' cy='200' r='26' fill='none' stroke='$L' stroke-width='10' "
            "stroke-dasharray='110 300' stroke-linecap='round' transform='rotate(-90 200 200)'/>");
    }
    return s;
}

QString fitnessTracker(const Variant &v)
{
    // A band seen from the front: its back half behind, the display on the front.
    QString s = QStringLiteral(
        "<ellipse cx='200' cy='196' rx='104' ry='62' fill='none' stroke='$D' "
        "stroke-width='26'/>"
        "<path d='M96 196a104 62 0 0 0 208 0' fill='none' stroke='$C' stroke-width='26'/>"
        "<rect x='146' y='230' width='108' height='56' rx='26' fill='#1d1f24'/>"
        "<rect x='166' y='252' width='44' height='10' rx='5' fill='$A'/>"
        "<circle cx='230' cy='257' r='7' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='186' y='122' width='28' height='22' rx='4' fill='none' "
                            "stroke='#9aa3ad' stroke-width='5'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M110 226l-6 14M290 226l6 14' stroke='$L' "
                            "stroke-width='5' stroke-linecap='round'/>");
    }
    return s;
}

QString charger(const Variant &v)
{
    QString s = v.option(0)
        ? QStringLiteral("<rect x='158' y='96' width='18' height='60' rx='9' fill='#b8bec6'/>"
                         "<rect x='224' y='96' width='18' height='60' rx='9' fill='#b8bec6'/>")
        : QStringLiteral("<rect x='160' y='94' width='13' height='60' rx='2' fill='#b8bec6'/>"
                         "<rect x='227' y='94' width='13' height='60' rx='2' fill='#b8bec6'/>");
    if (!v.option(1)) {
        s += QStringLiteral("<path d='M200 280v10q0 26 34 26h76' fill='none' stroke='$D' "
                            "stroke-width='10' stroke-linecap='round'/>"
                            "<rect x='300' y='305' width='34' height='22' rx='6' fill='$D'/>"
                            "<rect x='332' y='310' width='12' height='12' rx='3' "
                            "fill='#b8bec6'/>");
    }
    s += QStringLiteral(
        "<rect x='126' y='146' width='148' height='136' rx='28' fill='$C'/>"
        "<rect x='140' y='156' width='120' height='12' rx='6' fill='$L' fill-opacity='.5'/>"
        "<path d='M208 184l-32 44h22l-8 34 34-48h-22z' fill='$A'/>"
        "<rect x='178' y='272' width='44' height='6' rx='3' fill='#2b2d31'/>");
    return s;
}

QString cable(const Variant &v)
{
    QString s;
    for (int i = 0; i < 3; ++i) {
        s += QStringLiteral("<ellipse cx='%1' cy='%2' rx='88' ry='54' fill='none' stroke='$C' "
                            "stroke-width='11'/>")
                 .arg(188 + i * 12)
                 .arg(176 + i * 14);
    }
    s += QStringLiteral(
        "<path d='M102 184q-10 50 29 92M300 202q14-60 1-104' fill='none' stroke='$C' "
        "stroke-width='11'/>"
        "<rect x='116' y='274' width='30' height='42' rx='8' fill='$D'/>"
        "<rect x='286' y='58' width='30' height='42' rx='8' fill='$D'/>");
    s += v.option(0)
        ? QStringLiteral("<rect x='119' y='314' width='24' height='16' fill='#b8bec6'/>"
                         "<rect x='289' y='44' width='24' height='16' fill='#b8bec6'/>")
        : QStringLiteral("<rect x='122' y='314' width='18' height='12' rx='5' fill='#b8bec6'/>"
                         "<rect x='292' y='48' width='18' height='12' rx='5' fill='#b8bec6'/>");
    if (v.option(1)) {
        s += QStringLiteral("<rect x='180' y='108' width='18' height='34' rx='4' fill='$A'/>");
    }
    return s;
}

QString powerBank(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='124' y='96' width='152' height='212' rx='26' fill='$C'/>"
        "<rect x='168' y='104' width='26' height='8' rx='3' fill='#2b2d31'/>"
        "<rect x='208' y='104' width='22' height='8' rx='4' fill='#2b2d31'/>"
        "<rect x='158' y='154' width='76' height='44' rx='7' fill='none' stroke='$L' "
        "stroke-width='7'/>"
        "<rect x='236' y='167' width='9' height='18' rx='2' fill='$L'/>");
    const int level = v.count(1, 4);
    for (int i = 0; i < level; ++i) {
        s += QStringLiteral("<rect x='%1' y='163' width='12' height='26' rx='2' fill='$A'/>")
                 .arg(167 + i * 16);
    }
    s += QStringLiteral("<path d='M176 270h48' stroke='%1' stroke-width='8' stroke-linecap='round' "
                        "stroke-dasharray='1 15'/>")
             .arg(v.option(0) ? QStringLiteral("$A") : QStringLiteral("$L"));
    if (v.option(1)) {
        s += QStringLiteral("<rect x='124' y='276' width='152' height='32' rx='16' fill='$D'/>");
    }
    return s;
}

QString actionCamera(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M176 278h48v20h-48zM182 296h10v18h-10zM208 296h10v18h-10z' fill='#4a4f57'/>"
        "<rect x='128' y='132' width='42' height='16' rx='5' fill='$A'/>"
        "<rect x='104' y='142' width='192' height='140' rx='20' fill='$C'/>"
        "<rect x='122' y='160' width='64' height='46' rx='6' fill='#1d1f24'/>"
        "<circle cx='238' cy='214' r='46' fill='$D'/>"
        "<circle cx='238' cy='214' r='32' fill='#1d1f24'/>"
        "<circle cx='238' cy='214' r='16' fill='#35507a'/>"
        "<circle cx='231' cy='207' r='6' fill='#fff' fill-opacity='.7'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='138' cy='258' r='7' fill='#e5533d'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<rect x='94' y='132' width='212' height='160' rx='26' fill='#fff' "
                            "fill-opacity='.16' stroke='#fff' stroke-opacity='.6' "
                            "stroke-width='4'/>");
    }
    return s;
}

// ---- Computers

QString laptop(const Variant &v)
{
    QString s = QStringLiteral("<rect x='94' y='100' width='212' height='146' rx='10' fill='$D'/>"
                               "<rect x='106' y='112' width='188' height='122' rx='4' fill='$L'/>"
                               "<path d='M66 250h268l-22 26H88z' fill='$C'/>"
                               "<rect x='172' y='252' width='56' height='7' rx='3' fill='$D'/>");
    for (int i = 0; i < v.count(2, 4); ++i) {
        s += QStringLiteral("<rect x='122' y='%1' width='%2' height='10' rx='5' "
                            "fill='$A' fill-opacity='.8'/>")
                 .arg(130 + i * 22)
                 .arg(150 - i * 24 + (v.option(0) ? 6 : 0));
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='262' cy='206' r='16' fill='$C'/>");
    }
    return s;
}

QString gamingLaptop(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='94' y='94' width='212' height='152' rx='10' fill='$D'/>"
        "<rect x='106' y='106' width='188' height='128' rx='4' fill='#14161b'/>"
        "<path d='M106 234l56-58 34 30 42-52 56 80z' fill='$A' fill-opacity='.8'/>"
        "<circle cx='250' cy='136' r='12' fill='$A'/>"
        "<path d='M60 250h280l-24 30H84z' fill='$C'/>"
        "<path d='M100 257h200M108 267h184' stroke='$A' stroke-width='5' "
        "stroke-dasharray='9 3'/>"
        "<path d='M130 276h140' stroke='$D' stroke-width='4' stroke-dasharray='10 6'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M94 232l-14 10M306 232l14 10' stroke='$A' "
                            "stroke-width='5'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M130 130h60M130 146h40' stroke='#fff' stroke-opacity='.7' "
                            "stroke-width='6' stroke-linecap='round'/>");
    }
    return s;
}

QString monitor(const Variant &v)
{
    QString s = QStringLiteral("<rect x='186' y='230' width='28' height='70' rx='6' fill='$D'/>"
                               "<rect x='136' y='294' width='128' height='14' rx='7' fill='$C'/>"
                               "<rect x='64' y='84' width='272' height='170' rx='10' fill='$C'/>"
                               "<rect x='76' y='96' width='248' height='138' rx='3' fill='$L'/>"
                               "<circle cx='200' cy='244' r='4' fill='$D'/>");
    s += v.option(0)
        ? QStringLiteral("<path d='M76 234l70-60 50 40 50-50 78 70z' fill='$A' fill-opacity='.8'/>"
                         "<circle cx='120' cy='132' r='16' fill='#fff' fill-opacity='.8'/>")
        : QStringLiteral("<rect x='92' y='112' width='116' height='76' rx='4' fill='$A' "
                         "fill-opacity='.85'/>"
                         "<path d='M224 120h84M224 140h64M224 160h76M92 210h150' "
                         "stroke='#fff' stroke-width='9' stroke-linecap='round'/>");
    if (v.option(1)) {
        s += QStringLiteral("<rect x='64' y='84' width='272' height='10' rx='5' fill='$D'/>");
    }
    return s;
}

QString keyboard(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='46' y='168' width='308' height='130' rx='14' fill='$C'/>"
        "<path d='M62 190h277M70 212h269M76 234h263M62 256h277' stroke='$L' stroke-width='16' "
        "stroke-dasharray='16 4.5'/>"
        "<path d='M62 280h40M110 280h20M138 280h128M274 280h20M302 280h37' stroke='$L' "
        "stroke-width='14'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M62 190h16M318 212h21M302 256h37' stroke='$A' "
                            "stroke-width='16'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M200 168q0-40 40-56t60-54' fill='none' stroke='$D' "
                            "stroke-width='7' stroke-linecap='round'/>");
    }
    return s;
}

QString mouse(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<path d='M200 96q0-26 24-34t16-32' fill='none' stroke='$D' "
                            "stroke-width='7' stroke-linecap='round'/>");
    }
    s += QStringLiteral(
        "<path d='M200 92c58 0 84 52 84 118 0 70-34 102-84 102s-84-32-84-102c0-66 26-118 "
        "84-118z' fill='$C'/>"
        "<path d='M200 94v84M118 180q82 18 164 0' fill='none' stroke='$D' stroke-width='5'/>"
        "<rect x='190' y='118' width='20' height='42' rx='10' fill='$A'/>"
        "<path d='M130 204q-6 56 22 86' fill='none' stroke='$L' stroke-width='9' "
        "stroke-linecap='round'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M158 296q42 18 84 0' fill='none' stroke='$A' "
                            "stroke-width='6' stroke-linecap='round'/>");
    }
    return s;
}

QString laptopBag(const Variant &v)
{
    QString s;
    if (v.option(0)) { // shoulder strap
        s += QStringLiteral("<path d='M84 196Q200 12 316 196' fill='none' stroke='$D' "
                            "stroke-width='10'/>");
    }
    s += QStringLiteral(
        "<path d='M160 166v-26q0-16 16-16h48q16 0 16 16v26' fill='none' stroke='$D' "
        "stroke-width='12'/>"
        "<rect x='70' y='160' width='260' height='150' rx='16' fill='$C'/>"
        "<path d='M70 178q0-18 18-18h224q18 0 18 18v62q-130 22-260 0z' fill='$D'/>"
        "<rect x='130' y='222' width='18' height='52' rx='4' fill='$D'/>"
        "<rect x='252' y='222' width='18' height='52' rx='4' fill='$D'/>"
        "<rect x='126' y='240' width='26' height='18' rx='3' fill='none' stroke='$A' "
        "stroke-width='4'/>"
        "<rect x='248' y='240' width='26' height='18' rx='3' fill='none' stroke='$A' "
        "stroke-width='4'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M166 276h68' stroke='$L' stroke-width='6' "
                            "stroke-linecap='round'/>");
    }
    return s;
}

QString laptopStand(const Variant &v)
{
    // Side view: the laptop (grey) on the tilted platform, held up by one arm at the back.
    QString s = QStringLiteral(
        "<rect x='90' y='290' width='224' height='18' rx='8' fill='$D'/>"
        "<path d='M284 298l-16-96' stroke='$D' stroke-width='20' stroke-linecap='round'/>"
        "<rect x='86' y='262' width='24' height='38' rx='8' fill='$D'/>"
        "<g transform='rotate(-22 200 230)'>"
        "<rect x='104' y='203' width='196' height='14' rx='4' fill='#9aa3ad'/>"
        "<rect x='80' y='216' width='244' height='22' rx='9' fill='$C'/></g>"
        "<rect x='274' y='52' width='14' height='128' rx='6' fill='#6b737c' "
        "transform='rotate(12 282 177)'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='268' cy='204' r='11' fill='$A'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M120 308h30M250 308h30' stroke='$A' stroke-width='6'/>");
    }
    return s;
}

QString dockingStation(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<path d='M320 232q40 0 40-50t-46-76' fill='none' stroke='#2b2d31' "
                            "stroke-width='8' stroke-linecap='round'/>"
                            "<rect x='296' y='86' width='24' height='30' rx='6' fill='#2b2d31' "
                            "transform='rotate(-40 308 101)'/>");
    }
    s += QStringLiteral(
        "<rect x='66' y='196' width='268' height='86' rx='16' fill='$C'/>"
        "<rect x='82' y='196' width='236' height='18' rx='9' fill='$L' fill-opacity='.5'/>"
        "<rect x='92' y='236' width='28' height='13' rx='2' fill='#2b2d31'/>"
        "<rect x='128' y='236' width='28' height='13' rx='2' fill='#2b2d31'/>"
        "<rect x='166' y='238' width='22' height='9' rx='4.5' fill='#2b2d31'/>"
        "<path d='M198 236h38v10l-5 5h-28l-5-5z' fill='#2b2d31'/>"
        "<rect x='248' y='232' width='26' height='22' rx='2' fill='#2b2d31'/>"
        "<circle cx='296' cy='243' r='7' fill='#2b2d31'/>"
        "<rect x='92' y='264' width='18' height='5' rx='2.5' fill='$A'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M90 284h30M280 284h30' stroke='$D' stroke-width='8'/>");
    }
    return s;
}

QString webcam(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M200 236v40M200 272l-46 36M200 272l46 36M200 272v40' stroke='$D' "
        "stroke-width='9' stroke-linecap='round'/>"
        "<rect x='96' y='146' width='208' height='92' rx='46' fill='$C'/>"
        "<circle cx='200' cy='192' r='36' fill='#1d1f24'/>"
        "<circle cx='200' cy='192' r='20' fill='#35507a'/>"
        "<circle cx='193' cy='185' r='7' fill='#fff' fill-opacity='.6'/>"
        "<path d='M124 192h28M248 192h28' stroke='$D' stroke-width='6' stroke-linecap='round' "
        "stroke-dasharray='1 9'/>"
        "<circle cx='262' cy='168' r='5' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M164 160h72v20h-72z' fill='$D'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='200' cy='192' r='40' fill='none' stroke='$A' "
                            "stroke-width='4'/>");
    }
    return s;
}

QString externalDrive(const Variant &v)
{
    QString s;
    if (!v.option(0)) {
        s += QStringLiteral("<path d='M300 214q50 0 50-50t-40-70' fill='none' stroke='#2b2d31' "
                            "stroke-width='8' stroke-linecap='round'/>"
                            "<rect x='292' y='66' width='26' height='36' rx='4' fill='#2b2d31' "
                            "transform='rotate(-30 305 84)'/>");
    }
    s += QStringLiteral(
        "<rect x='80' y='168' width='232' height='130' rx='18' fill='$C'/>"
        "<path d='M204 184v98M218 184v98M232 184v98M246 184v98M260 184v98M274 184v98M288 "
        "184v98' stroke='$D' stroke-width='5' stroke-linecap='round'/>"
        "<rect x='104' y='192' width='64' height='10' rx='5' fill='$L'/>"
        "<circle cx='110' cy='274' r='6' fill='$A'/>"
        "<rect x='80' y='206' width='6' height='30' rx='3' fill='#2b2d31'/>");
    if (v.option(1)) {
        s += QStringLiteral("<rect x='80' y='168' width='232' height='130' rx='18' fill='none' "
                            "stroke='$A' stroke-width='5'/>");
    }
    return s;
}

// ---- Networking and smart home

QString router(const Variant &v)
{
    QString s;
    const int antennas = v.count(2, 4);
    for (int i = 0; i < antennas; ++i) {
        const int x = 120 + i * (160 / std::max(1, antennas - 1));
        s += QStringLiteral("<rect x='%1' y='104' width='11' height='96' rx='5' "
                            "fill='$D' transform='rotate(%2 %3 200)'/>")
                 .arg(x - 5)
                 .arg((i - (antennas - 1) / 2.0) * 9, 0, 'f', 0)
                 .arg(x);
    }
    s += QStringLiteral("<rect x='84' y='188' width='232' height='88' rx='18' fill='$C'/>"
                        "<rect x='84' y='248' width='232' height='28' rx='14' fill='$D' "
                        "fill-opacity='.35'/>"
                        "<rect x='104' y='276' width='26' height='10' rx='3' fill='$D'/>"
                        "<rect x='270' y='276' width='26' height='10' rx='3' fill='$D'/>");
    for (int i = 0; i < 5; ++i) {
        s += QStringLiteral("<circle cx='%1' cy='226' r='7' fill='%2'/>")
                 .arg(124 + i * 26)
                 .arg(i < 3 || v.option(0) ? QStringLiteral("$A") : QStringLiteral("$L"));
    }
    return s;
}

QString meshWifi(const Variant &v)
{
    const bool three = v.option(0);
    const int xs[3] = {110, 200, 290};
    const int heights[3] = {140, 176, 140};
    QString s;
    for (int i = 0; i < 3; ++i) {
        if (!three && i == 1) {
            continue;
        }
        const int x = three ? xs[i] : (i == 0 ? 150 : 250);
        const int h = three ? heights[i] : (i == 0 ? 170 : 150);
        s += QStringLiteral("<rect x='%1' y='%2' width='76' height='%3' rx='30' fill='$C'/>"
                            "<rect x='%4' y='%5' width='40' height='6' rx='3' fill='$D'/>"
                            "<circle cx='%6' cy='288' r='5' fill='$A'/>")
                 .arg(x - 38)
                 .arg(304 - h)
                 .arg(h)
                 .arg(x - 20)
                 .arg(316 - h)
                 .arg(x);
    }
    s += QStringLiteral(
        "<path d='M166 92a48 48 0 0 1 68 0M180 108a28 28 0 0 1 40 0' fill='none' stroke='$A' "
        "stroke-width='9' stroke-linecap='round'/><circle cx='200' cy='124' r='7' fill='$A'/>");
    return s;
}

QString networkSwitch(const Variant &v)
{
    QString s;
    if (v.option(0)) { // rack ears
        s += QStringLiteral("<rect x='30' y='204' width='22' height='62' rx='4' fill='$D'/>"
                            "<rect x='348' y='204' width='22' height='62' rx='4' fill='$D'/>");
    }
    s += QStringLiteral(
        "<rect x='44' y='186' width='312' height='16' rx='6' fill='$L'/>"
        "<rect x='44' y='196' width='312' height='80' rx='8' fill='$C'/>"
        "<rect x='56' y='208' width='288' height='56' rx='4' fill='$D'/>"
        "<path d='M70 224h176M70 248h176' stroke='#1d1f24' stroke-width='15' "
        "stroke-dasharray='16 6'/>"
        "<path d='M264 216h64' stroke='$A' stroke-width='5' stroke-dasharray='6 7'/>"
        "<path d='M264 246h64' stroke='#1d1f24' stroke-width='14' stroke-dasharray='26 12'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M78 224v60q0 20-20 30M122 248v40q0 20 20 26' fill='none' "
                            "stroke='$A' stroke-width='6'/>");
    }
    return s;
}

QString smartPlug(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='282' y='158' width='42' height='13' rx='3' fill='#b8bec6'/>"
                       "<rect x='282' y='206' width='42' height='13' rx='3' fill='#b8bec6'/>"
                       "<rect x='146' y='104' width='142' height='172' rx='38' fill='$D'/>"
                       "<rect x='116' y='96' width='146' height='172' rx='38' fill='$C'/>"
                       "<circle cx='189' cy='190' r='46' fill='$L'/>");
    s += v.option(0)
        ? QStringLiteral("<circle cx='171' cy='190' r='8' fill='#2b2d31'/>"
                         "<circle cx='207' cy='190' r='8' fill='#2b2d31'/>")
        : QStringLiteral("<rect x='170' y='170' width='8' height='26' rx='3' fill='#2b2d31'/>"
                         "<rect x='200' y='170' width='8' height='26' rx='3' fill='#2b2d31'/>"
                         "<path d='M182 218a7 7 0 0 1 14 0v6h-14z' fill='#2b2d31'/>");
    s += QStringLiteral("<circle cx='189' cy='124' r='%1' fill='$A'/>").arg(v.option(1) ? 9 : 6);
    return s;
}

QString bulb(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='200' cy='150' r='120' fill='$A' fill-opacity='.2'/>"
                            "<path d='M200 20v22M92 64l16 16M308 64l-16 16M62 156h22M338 156h-22' "
                            "stroke='$A' stroke-width='8' stroke-linecap='round'/>");
    }
    s += QStringLiteral(
        "<path d='M200 64c52 0 88 38 88 86 0 34-18 54-34 72-10 12-14 22-14 36h-80c0-14-4-24-14-"
        "36-16-18-34-38-34-72 0-48 36-86 88-86z' fill='$C'/>"
        "<path d='M148 124q14-28 42-34' fill='none' stroke='#fff' stroke-opacity='.55' "
        "stroke-width='10' stroke-linecap='round'/>"
        "<rect x='158' y='254' width='84' height='14' rx='4' fill='#e6e6e2'/>"
        "<path d='M162 268h76v36h-76z' fill='#b8bec6'/>"
        "<path d='M162 277l76 6M162 290l76 6' stroke='#8a939c' stroke-width='5'/>"
        "<path d='M174 304h52l-10 14h-32z' fill='#4a4f57'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M184 254v-44l16-20 16 20v44' fill='none' stroke='$L' "
                            "stroke-width='5' stroke-linejoin='round'/>");
    }
    return s;
}

QString securityCamera(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='60' y='110' width='36' height='112' rx='8' fill='$D'/>"
                       "<path d='M96 166h44l30 20' fill='none' stroke='$D' stroke-width='18' "
                       "stroke-linejoin='round'/>"
                       "<g transform='rotate(14 220 190)'>"
                       "<rect x='140' y='150' width='180' height='84' rx='30' fill='$C'/>"
                       "<path d='M132 146h200q12 0 12 12v6H132z' fill='$D'/>"
                       "<ellipse cx='318' cy='194' rx='24' ry='38' fill='#1d1f24'/>"
                       "<circle cx='320' cy='194' r='14' fill='#35507a'/>"
                       "<circle cx='316' cy='189' r='5' fill='#fff' fill-opacity='.6'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='290' cy='216' r='5' fill='#e5533d'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<rect x='160' y='212' width='70' height='8' rx='4' fill='$A'/>");
    }
    return s + QStringLiteral("</g>");
}

QString doorbell(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='148' y='70' width='104' height='240' rx='52' fill='$C'/>"
        "<rect x='160' y='82' width='80' height='134' rx='40' fill='#1d1f24'/>"
        "<circle cx='200' cy='130' r='21' fill='#35507a'/>"
        "<circle cx='200' cy='130' r='8' fill='#0d0f12'/>"
        "<circle cx='194' cy='124' r='4' fill='#fff' fill-opacity='.6'/>"
        "<circle cx='200' cy='186' r='5' fill='#55585e'/>"
        "<circle cx='200' cy='258' r='30' fill='$L'/>"
        "<circle cx='200' cy='258' r='30' fill='none' stroke='$A' stroke-width='6'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M188 268h24l-4-5v-11a8 8 0 0 0-16 0v11z' fill='$D'/>"
                            "<circle cx='200' cy='272' r='3.5' fill='$D'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M272 228q16 30 0 60M290 216q26 42 0 84' fill='none' "
                            "stroke='$A' stroke-width='6' stroke-linecap='round'/>");
    }
    return s;
}

QString thermostat(const Variant &v)
{
    const int temperature = v.count(18, 24);
    QString s =
        QStringLiteral(
            "<circle cx='200' cy='196' r='112' fill='$C'/>"
            "<circle cx='200' cy='196' r='96' fill='$D'/>"
            "<circle cx='200' cy='196' r='88' fill='#1d1f24'/>"
            "<circle cx='200' cy='196' r='72' fill='none' stroke='#55585e' stroke-width='6' "
            "stroke-dasharray='2 6'/>"
            "<circle cx='200' cy='196' r='72' fill='none' stroke='$A' stroke-width='7' "
            "stroke-dasharray='%1 460' stroke-linecap='round' transform='rotate(125 200 196)'/>")
            .arg(60 + (temperature - 18) * 25);
    s += label(200, 214, 52, QStringLiteral("#fff"), QString::number(temperature) + u'\xb0');
    s += label(200, 248, 15, QStringLiteral("$A"),
               v.option(0) ? QStringLiteral("COOL") : QStringLiteral("HEAT"));
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='200' cy='196' r='112' fill='none' stroke='$L' "
                            "stroke-width='4'/>");
    }
    return s;
}

QString smartLock(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='138' y='84' width='124' height='224' rx='28' fill='$C'/>"
                       "<rect x='156' y='102' width='88' height='122' rx='12' fill='#1d1f24'/>"
                       "<path d='M176 122v90M200 122v90M224 122v90' stroke='$L' stroke-width='13' "
                       "stroke-linecap='round' stroke-dasharray='1 27'/>"
                       "<circle cx='200' cy='262' r='26' fill='$D'/>"
                       "<rect x='196' y='252' width='106' height='20' rx='10' fill='#b8bec6'/>"
                       "<circle cx='200' cy='262' r='11' fill='#8a939c'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='156' y='102' width='88' height='122' rx='12' fill='none' "
                            "stroke='$A' stroke-width='4'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='200' cy='234' r='4' fill='$A'/>");
    }
    return s;
}

QString rangeExtender(const Variant &v)
{
    QString s;
    if (!v.option(0)) {
        s += QStringLiteral("<rect x='128' y='62' width='12' height='96' rx='6' fill='$D' "
                            "transform='rotate(-10 134 158)'/>"
                            "<rect x='260' y='62' width='12' height='96' rx='6' fill='$D' "
                            "transform='rotate(10 266 158)'/>");
    }
    s += QStringLiteral(
        "<rect x='176' y='286' width='12' height='28' rx='2' fill='#b8bec6'/>"
        "<rect x='212' y='286' width='12' height='28' rx='2' fill='#b8bec6'/>"
        "<rect x='122' y='120' width='156' height='172' rx='26' fill='$C'/>"
        "<path d='M166 196a48 48 0 0 1 68 0M180 212a28 28 0 0 1 40 0' fill='none' stroke='$L' "
        "stroke-width='9' stroke-linecap='round'/><circle cx='200' cy='230' r='7' fill='$L'/>"
        "<path d='M170 264h60' stroke='$A' stroke-width='7' stroke-linecap='round' "
        "stroke-dasharray='1 14'/>");
    if (v.option(1)) {
        s += QStringLiteral("<rect x='122' y='120' width='156' height='20' rx='10' fill='$D'/>");
    }
    return s;
}

// ---- Kitchen

QString cookware(const Variant &v)
{
    // A stock pot with its lid and a saucepan in front of it.
    QString s =
        QStringLiteral("<rect x='128' y='170' width='26' height='14' rx='7' fill='$D'/>"
                       "<rect x='326' y='170' width='26' height='14' rx='7' fill='$D'/>"
                       "<rect x='150' y='150' width='180' height='130' rx='14' fill='$C'/>"
                       "<path d='M146 152q94-42 188 0z' fill='$D'/>"
                       "<rect x='142' y='146' width='196' height='11' rx='5' fill='$D'/>"
                       "<rect x='226' y='116' width='28' height='14' rx='6' fill='#2b2d31'/>"
                       "<rect x='36' y='200' width='56' height='14' rx='7' fill='#2b2d31' "
                       "transform='rotate(-14 92 207)'/>"
                       "<rect x='70' y='212' width='150' height='96' rx='12' fill='$C'/>"
                       "<rect x='64' y='204' width='162' height='14' rx='7' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M70 240h150M150 236h180' stroke='$A' stroke-width='8'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M96 230v60M176 166v96' stroke='$L' stroke-opacity='.6' "
                            "stroke-width='9' stroke-linecap='round'/>");
    }
    return s;
}

QString fryingPan(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='250' y='196' width='122' height='22' rx='11' fill='#2b2d31' "
        "transform='rotate(-12 250 207)'/>"
        "<ellipse cx='170' cy='222' rx='118' ry='80' fill='$C'/>"
        "<ellipse cx='170' cy='212' rx='104' ry='66' fill='#2f3034'/>"
        "<path d='M96 196q30-38 92-42' fill='none' stroke='#fff' stroke-opacity='.15' "
        "stroke-width='9' stroke-linecap='round'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M134 206c6-34 60-40 80-14s4 46-32 44-54-6-48-30z' "
                            "fill='#fff'/><circle cx='172' cy='210' r='17' fill='#ffc43d'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='352' cy='190' r='6' fill='$A'/>");
    }
    return s;
}

QString knifeBlock(const Variant &v)
{
    QString s;
    if (v.option(0)) { // a knife lying in front
        s += QStringLiteral("<path d='M60 300l150-10q18 0 18 8l-168 10z' fill='#c4c8cc'/>"
                            "<rect x='226' y='288' width='80' height='16' rx='7' fill='#2b2d31' "
                            "transform='rotate(-4 226 296)'/>");
    }
    s += QStringLiteral("<g transform='rotate(-14 200 300)'>");
    const int heights[4] = {70, 88, 78, 60};
    for (int i = 0; i < 4; ++i) {
        s += QStringLiteral("<rect x='%1' y='%2' width='20' height='%3' rx='6' fill='#2b2d31'/>"
                            "<path d='M%4 %5v%6' stroke='#b8bec6' stroke-width='5' "
                            "stroke-linecap='round' stroke-dasharray='1 20'/>")
                 .arg(150 + i * 28)
                 .arg(140 - heights[i])
                 .arg(heights[i] + 10)
                 .arg(160 + i * 28)
                 .arg(150 - heights[i])
                 .arg(heights[i] - 30);
    }
    s += QStringLiteral("<rect x='140' y='140' width='130' height='164' rx='10' fill='$C'/>"
                        "<rect x='140' y='134' width='130' height='16' rx='6' fill='$D'/>"
                        "<path d='M156 250h98' stroke='$D' stroke-opacity='.4' stroke-width='4'/>");
    if (v.option(1)) {
        s += QStringLiteral("<rect x='180' y='190' width='50' height='24' rx='4' fill='$A'/>");
    }
    return s + QStringLiteral("</g>");
}

QString cuttingBoard(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M280 172h44q20 0 20 20v40q0 20-20 20h-44z' fill='$C'/>"
        "<rect x='302' y='194' width='24' height='36' rx='12' fill='$D'/>"
        "<rect x='66' y='120' width='232' height='180' rx='24' fill='$C'/>"
        "<rect x='74' y='292' width='216' height='12' rx='6' fill='$D'/>"
        "<path d='M94 162q60-12 120 4t60-4M94 212q70 12 170-6M98 262q60-14 160 2' fill='none' "
        "stroke='$D' stroke-opacity='.35' stroke-width='4'/>");
    s += QStringLiteral("<g transform='rotate(-30 190 226)'>"
                        "<path d='M96 220h126v16H110q-14 0-14-16z' fill='#c4c8cc'/>"
                        "<rect x='220' y='218' width='72' height='20' rx='8' fill='#2b2d31'/></g>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='122' cy='170' r='26' fill='#d8432e'/>"
                            "<circle cx='122' cy='170' r='18' fill='#f07a62'/>"
                            "<circle cx='240' cy='262' r='26' fill='#d8432e'/>"
                            "<circle cx='240' cy='262' r='18' fill='#f07a62'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<rect x='82' y='136' width='200' height='148' rx='14' fill='none' "
                            "stroke='$D' stroke-opacity='.5' stroke-width='4'/>");
    }
    return s;
}

QString mixingBowls(const Variant &v)
{
    QString s = QStringLiteral("<path d='M62 200h276q-10 108-138 108T62 200z' fill='$C'/>"
                               "<ellipse cx='200' cy='200' rx='138' ry='24' fill='$D'/>"
                               "<path d='M92 186h216q-4 26-20 36H112q-16-10-20-36z' fill='$L'/>"
                               "<ellipse cx='200' cy='186' rx='108' ry='18' fill='$D'/>"
                               "<path d='M124 174h152q-4 20-16 28H140q-12-8-16-28z' fill='$A'/>"
                               "<ellipse cx='200' cy='174' rx='76' ry='13' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M216 176l54-96' stroke='#8a939c' stroke-width='8' "
                            "stroke-linecap='round'/><ellipse cx='210' cy='150' rx='14' ry='30' "
                            "fill='none' stroke='#8a939c' stroke-width='4' "
                            "transform='rotate(30 210 150)'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M84 240q116 40 232 0' fill='none' stroke='$L' "
                            "stroke-opacity='.6' stroke-width='8'/>");
    }
    return s;
}

QString kettle(const Variant &v)
{
    QString s = QStringLiteral("<path d='M274 188q56 0 46 62q-6 32-38 38' fill='none' stroke='$D' "
                               "stroke-width='15' stroke-linecap='round'/>"
                               "<path d='M130 214L78 176l9-9 55 30z' fill='$C'/>"
                               "<path d='M118 292Q106 168 200 158Q294 168 282 292z' fill='$C'/>"
                               "<ellipse cx='200' cy='160' rx='56' ry='12' fill='$D'/>"
                               "<circle cx='200' cy='145' r='10' fill='$D'/>"
                               "<rect x='108' y='286' width='184' height='18' rx='9' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='150' y='196' width='16' height='74' rx='8' "
                            "fill='$L' fill-opacity='.8'/>");
    } else {
        s += QStringLiteral("<rect x='128' y='222' width='144' height='14' fill='$A' "
                            "fill-opacity='.85'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='236' cy='270' r='6' fill='$A'/>");
    }
    return s;
}

QString coffeeMaker(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='100' y='86' width='86' height='210' rx='12' fill='$C'/>"
        "<path d='M100 98q0-12 12-12h178q12 0 12 12v52H100z' fill='$C'/>"
        "<path d='M196 150h96l-10 22h-76z' fill='$D'/>"
        "<rect x='100' y='282' width='210' height='24' rx='8' fill='$D'/>"
        "<path d='M206 198h76l10 20v52q0 14-14 14h-68q-14 0-14-14v-52z' fill='#dfe9ef' "
        "fill-opacity='.85'/>"
        "<path d='M202 238h84v30q0 12-12 12h-60q-12 0-12-12z' fill='#5b3a24'/>"
        "<rect x='210' y='186' width='68' height='14' rx='5' fill='#2b2d31'/>"
        "<path d='M292 218q22 0 22 24t-22 24' fill='none' stroke='#2b2d31' stroke-width='9'/>"
        "<circle cx='143' cy='204' r='10' fill='$A'/>"
        "<rect x='124' y='230' width='38' height='8' rx='4' fill='$L'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='116' y='108' width='54' height='26' rx='4' fill='#1d1f24'/>"
                            "<path d='M124 121h38' stroke='$A' stroke-width='6' "
                            "stroke-dasharray='8 4'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M230 170q-8-14 0-26M250 170q-8-14 0-26' fill='none' "
                            "stroke='#fff' stroke-opacity='.8' stroke-width='4'/>");
    }
    return s;
}

QString blender(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M264 104h22q14 0 14 14v70q0 14-14 14h-26' fill='none' stroke='$D' "
        "stroke-width='14'/>"
        "<path d='M146 228l-14-138h136l-14 138z' fill='#dfe9ef' fill-opacity='.75'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M150 228l-9-90h118l-9 90z' fill='$A' fill-opacity='.85'/>");
    }
    s += QStringLiteral(
        "<path d='M150 120h16M152 150h14M154 180h12' stroke='#fff' stroke-width='4'/>"
        "<path d='M176 218l24-8 24 8' stroke='#6b737c' stroke-width='5' fill='none'/>"
        "<rect x='126' y='78' width='148' height='18' rx='6' fill='$D'/>"
        "<rect x='186' y='64' width='28' height='16' rx='4' fill='$D'/>"
        "<rect x='140' y='220' width='120' height='12' rx='4' fill='$D'/>"
        "<path d='M134 306l10-78h112l10 78z' fill='$C'/>"
        "<circle cx='200' cy='270' r='15' fill='$D'/><circle cx='200' cy='262' r='4' "
        "fill='$A'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M156 290h14M230 290h14' stroke='$A' stroke-width='6' "
                            "stroke-linecap='round'/>");
    }
    return s;
}

QString toaster(const Variant &v)
{
    QString s;
    if (!v.option(0)) { // two slices of toast
        s += QStringLiteral(
            "<path d='M134 152v-38q0-24 28-24t28 24v38zM210 152v-38q0-24 28-24t28 24v38z' "
            "fill='#c07f3a'/>"
            "<path d='M142 152v-36q0-16 20-16t20 16v36zM218 152v-36q0-16 20-16t20 16v36z' "
            "fill='#eac07e'/>");
    }
    s += QStringLiteral(
        "<rect x='306' y='196' width='26' height='14' rx='5' fill='$D'/>"
        "<rect x='88' y='146' width='224' height='156' rx='44' fill='$C'/>"
        "<path d='M140 150h44M216 150h44' stroke='$D' stroke-width='8' "
        "stroke-linecap='round'/>"
        "<rect x='88' y='258' width='224' height='10' fill='$L' fill-opacity='.5'/>"
        "<circle cx='132' cy='222' r='13' fill='$D'/><circle cx='132' cy='214' r='4' "
        "fill='$A'/>"
        "<path d='M112 304h24M264 304h24' stroke='$D' stroke-width='8'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M168 222h90' stroke='$A' stroke-width='7' "
                            "stroke-linecap='round' stroke-dasharray='1 18'/>");
    }
    return s;
}

QString foodContainers(const Variant &v)
{
    static const char *const foods[] = {"#e9d18a", "#8cc084", "#e5533d", "#f2a541"};
    const int boxes = v.count(2, 3);
    QString s;
    int bottom = 306;
    for (int i = 0; i < boxes; ++i) {
        const int w = 230 - i * 44;
        const int h = 66 - i * 8;
        const int x = 200 - w / 2;
        const int top = bottom - h;
        s += QStringLiteral("<rect x='%1' y='%2' width='%3' height='%4' rx='10' fill='#dfe9ef' "
                            "fill-opacity='.9'/>"
                            "<rect x='%5' y='%6' width='%7' height='%8' rx='6' fill='%9'/>")
                 .arg(x)
                 .arg(top)
                 .arg(w)
                 .arg(h)
                 .arg(x + 8)
                 .arg(top + h / 3)
                 .arg(w - 16)
                 .arg(h - h / 3 - 8)
                 .arg(QLatin1String(foods[(int(v.bits >> 20) + i) % 4]));
        s += QStringLiteral("<rect x='%1' y='%2' width='%3' height='16' rx='6' fill='$C'/>"
                            "<path d='M%4 %5v20M%6 %5v20' stroke='$D' stroke-width='10' "
                            "stroke-linecap='round'/>")
                 .arg(x - 4)
                 .arg(top - 12)
                 .arg(w + 8)
                 .arg(x + 4)
                 .arg(top - 6)
                 .arg(x + w - 4);
        bottom = top - 12;
    }
    if (v.option(0)) {
        s += QStringLiteral("<rect x='150' y='%1' width='100' height='6' rx='3' fill='$L'/>")
                 .arg(bottom + 4);
    }
    return s;
}

// ---- Furniture and home

QString officeChair(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M200 282L108 300M200 282l92 18M200 282l-40 24M200 282l40 24' stroke='#444' "
        "stroke-width='10' stroke-linecap='round'/>"
        "<path d='M108 306v1M292 306v1M160 312v1M240 312v1' stroke='#2b2d31' stroke-width='18' "
        "stroke-linecap='round'/>"
        "<rect x='192' y='232' width='16' height='52' fill='#6b737c'/>"
        "<rect x='190' y='186' width='20' height='30' fill='#444'/>"
        "<rect x='136' y='64' width='128' height='138' rx='34' fill='$C'/>"
        "<path d='M124 214v-38h30M276 214v-38h-30' fill='none' stroke='#444' stroke-width='10' "
        "stroke-linejoin='round'/>"
        "<rect x='112' y='166' width='48' height='13' rx='6' fill='$D'/>"
        "<rect x='240' y='166' width='48' height='13' rx='6' fill='$D'/>"
        "<rect x='116' y='206' width='168' height='38' rx='18' fill='$C'/>"
        "<rect x='156' y='146' width='88' height='14' rx='7' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='194' y='56' width='12' height='14' fill='#444'/>"
                            "<rect x='160' y='34' width='80' height='30' rx='12' fill='$C'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M156 84h88' stroke='$A' stroke-width='6' "
                            "stroke-linecap='round'/>");
    }
    return s;
}

QString desk(const Variant &v)
{
    QString s;
    if (v.option(0)) { // a desk lamp
        s += QStringLiteral("<path d='M86 150v-58l34-22' fill='none' stroke='#444' "
                            "stroke-width='6'/><path d='M108 62l38 8-14 26z' fill='$A'/>"
                            "<rect x='72' y='144' width='30' height='8' rx='3' fill='#444'/>");
    }
    if (v.option(1)) { // a monitor
        s += QStringLiteral("<rect x='140' y='76' width='96' height='62' rx='4' fill='#2b2d31'/>"
                            "<rect x='146' y='82' width='84' height='50' fill='#4a5a70'/>"
                            "<path d='M188 138v12' stroke='#2b2d31' stroke-width='8'/>");
    }
    s += QStringLiteral("<rect x='66' y='160' width='14' height='146' fill='$D'/>"
                        "<rect x='240' y='160' width='100' height='146' fill='$D'/>"
                        "<rect x='50' y='150' width='300' height='18' rx='4' fill='$C'/>");
    for (int i = 0; i < 3; ++i) {
        s += QStringLiteral("<rect x='248' y='%1' width='84' height='36' rx='3' fill='$C'/>"
                            "<rect x='278' y='%2' width='24' height='6' rx='3' fill='$L'/>")
                 .arg(176 + i * 42)
                 .arg(190 + i * 42);
    }
    return s;
}

QString bookshelf(const Variant &v)
{
    const int shelves = v.count(3, 4);
    const int inner = 230;
    QString s = QStringLiteral("<rect x='110' y='56' width='180' height='254' rx='4' fill='$C'/>");
    static const char *const dashes[] = {"12 3 16 3 10 7 14 3", "16 3 10 3 12 10 10 3",
                                         "10 3 14 3 16 3 12 12"};
    for (int i = 0; i < shelves; ++i) {
        const int h = (inner - (shelves - 1) * 8) / shelves;
        const int top = 68 + i * (h + 8);
        const int bookHeight = std::min(h - 12, 56);
        s += QStringLiteral("<rect x='122' y='%1' width='156' height='%2' fill='$D'/>"
                            "<path d='M%3 %4h%5' stroke='%6' stroke-width='%7' "
                            "stroke-dasharray='%8'/>")
                 .arg(top)
                 .arg(h)
                 .arg(126 + (i % 2) * 30)
                 .arg(top + h - bookHeight / 2)
                 .arg(100 + ((v.bits >> (i + 16)) & 1) * 20)
                 .arg(i % 2 ? QStringLiteral("$A") : QStringLiteral("$L"))
                 .arg(bookHeight)
                 .arg(QLatin1String(dashes[(i + int(v.bits >> 20)) % 3]));
    }
    if (v.option(0)) {
        s += QStringLiteral("<path d='M244 68h24l-4 18h-16z' fill='#c96f4a'/>"
                            "<path d='M256 68q-14-26 4-40q10 20-4 40z' fill='#62b357'/>");
    }
    return s;
}

QString sofa(const Variant &v)
{
    QString s = QStringLiteral("<rect x='88' y='146' width='224' height='96' rx='26' fill='$D'/>");
    const int cushions = v.option(0) ? 3 : 2;
    const int w = cushions == 3 ? 60 : 92;
    for (int i = 0; i < cushions; ++i) {
        s += QStringLiteral("<rect x='%1' y='160' width='%2' height='62' rx='16' "
                            "fill='$L' fill-opacity='.55'/>")
                 .arg(104 + i * (w + 8))
                 .arg(w);
    }
    s += QStringLiteral("<rect x='78' y='214' width='244' height='54' rx='14' fill='$C'/>"
                        "<rect x='58' y='184' width='50' height='98' rx='20' fill='$C'/>"
                        "<rect x='292' y='184' width='50' height='98' rx='20' fill='$C'/>"
                        "<rect x='84' y='280' width='12' height='26' rx='3' fill='#5b4636'/>"
                        "<rect x='304' y='280' width='12' height='26' rx='3' fill='#5b4636'/>");
    if (v.option(1)) {
        s += QStringLiteral("<rect x='118' y='176' width='46' height='46' rx='10' "
                            "fill='$A' transform='rotate(-12 141 199)'/>");
    }
    return s;
}

QString bed(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='52' y='118' width='30' height='190' rx='10' fill='$C'/>"
                       "<rect x='318' y='196' width='28' height='112' rx='8' fill='$C'/>"
                       "<rect x='70' y='238' width='264' height='28' rx='4' fill='$D'/>"
                       "<rect x='82' y='206' width='236' height='34' rx='10' fill='#f4f4f2'/>"
                       "<rect x='88' y='178' width='66' height='32' rx='14' fill='#fff'/>"
                       "<rect x='150' y='196' width='170' height='38' rx='10' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M67 146v130' stroke='$D' stroke-width='6' "
                            "stroke-linecap='round' stroke-dasharray='1 26'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M150 214h170' stroke='$L' stroke-width='5'/>");
    }
    return s;
}

QString mattress(const Variant &v)
{
    QString s = QStringLiteral("<path d='M70 220l64-48h204l-64 48z' fill='$L'/>"
                               "<rect x='70' y='220' width='204' height='82' rx='6' fill='$C'/>"
                               "<path d='M274 220l64-48v82l-64 48z' fill='$D'/>"
                               "<path d='M104 204h180M126 188h180' stroke='$C' stroke-width='6' "
                               "stroke-linecap='round' stroke-dasharray='1 24'/>"
                               "<path d='M70 226h204M70 296h204' stroke='$D' stroke-width='5'/>");
    s += v.option(0) ? QStringLiteral("<path d='M70 261h204' stroke='$D' stroke-opacity='.5' "
                                      "stroke-width='4' stroke-dasharray='10 6'/>")
                     : QStringLiteral("<rect x='70' y='244' width='204' height='24' fill='$A' "
                                      "fill-opacity='.7'/>");
    if (v.option(1)) {
        s += QStringLiteral("<rect x='146' y='276' width='52' height='9' rx='4' fill='$D'/>");
    }
    return s;
}

QString tableLamp(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<ellipse cx='200' cy='150' rx='140' ry='110' fill='$A' "
                            "fill-opacity='.18'/>");
    }
    s += QStringLiteral("<rect x='195' y='190' width='10' height='46' fill='#c9a24a'/>"
                        "<path d='M200 306c-46 0-54-26-40-54s18-24 18-24h44s4-4 18 24 6 54-40 54z' "
                        "fill='$D'/>"
                        "<path d='M136 86h128l38 110H98z' fill='$C'/>"
                        "<path d='M98 196h204M136 88h128' stroke='$D' stroke-width='6' "
                        "stroke-linecap='round'/>");
    if (v.option(0)) {
        s += QStringLiteral("<ellipse cx='200' cy='199' rx='96' ry='8' fill='#fff3c4'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M240 198v40' stroke='#c9a24a' stroke-width='3' "
                            "stroke-dasharray='3 3'/><circle cx='240' cy='242' r='5' "
                            "fill='#c9a24a'/>");
    }
    return s;
}

QString rug(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M68 300h208M124 134h208' stroke='$L' stroke-width='14' "
        "stroke-dasharray='2 6'/>"
        "<path d='M64 292l56-150h216l-56 150z' fill='$C'/>"
        "<path d='M92 278l44-122h176l-44 122z' fill='none' stroke='$L' stroke-width='8'/>");
    s += v.option(0) ? QStringLiteral("<path d='M108 246h164M122 210h164M136 174h164' stroke='$A' "
                                      "stroke-width='10'/>")
                     : QStringLiteral("<path d='M200 184l46 33-46 33-46-33z' fill='$A'/>"
                                      "<path d='M200 200l22 17-22 17-22-17z' fill='$D'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M106 268l40-104h160l-40 104z' fill='none' stroke='$D' "
                            "stroke-width='4' stroke-dasharray='6 6'/>");
    }
    return s;
}

QString curtains(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='100' y='96' width='200' height='204' fill='#d9e8f5'/>"
        "<path d='M200 96v204M100 198h200' stroke='#fff' stroke-width='8'/>"
        "<rect x='52' y='80' width='296' height='8' rx='4' fill='#6b737c'/>"
        "<circle cx='52' cy='84' r='9' fill='#6b737c'/><circle cx='348' cy='84' r='9' "
        "fill='#6b737c'/>");
    if (v.option(0)) { // drawn back with tiebacks
        s += QStringLiteral(
            "<path d='M66 88h100q-6 110-40 130 20 40 20 92H66zM334 88H234q6 110 40 130-20 40-20 "
            "92h80z' fill='$C'/>"
            "<path d='M88 92v212M110 92v120M132 92v92M312 92v212M290 92v120M268 92v92' "
            "stroke='$D' stroke-opacity='.5' stroke-width='4'/>"
            "<path d='M64 214q40 8 64 4M336 214q-40 8-64 4' fill='none' stroke='$A' "
            "stroke-width='8' stroke-linecap='round'/>");
    } else {
        s += QStringLiteral(
            "<path d='M66 88h92v222H66zM334 88h-92v222h92z' fill='$C'/>"
            "<path d='M84 92v218M106 92v218M128 92v218M272 92v218M294 92v218M316 92v218' "
            "stroke='$D' stroke-opacity='.45' stroke-width='5'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M66 296h92M242 296h92' stroke='$A' stroke-width='8'/>");
    }
    return s;
}

QString wallClock(const Variant &v)
{
    const int hour = v.count(1, 12);
    const int minute = int((v.bits >> 16) % 12) * 5;
    const auto hand = [](double turns, int length, int width, const char *colour) {
        const double a = turns * 2 * 3.14159265358979;
        return QStringLiteral("<path d='M200 196L%1 %2' stroke='%3' stroke-width='%4' "
                              "stroke-linecap='round'/>")
            .arg(200 + length * std::sin(a), 0, 'f', 0)
            .arg(196 - length * std::cos(a), 0, 'f', 0)
            .arg(QLatin1String(colour))
            .arg(width);
    };
    QString s = QStringLiteral(
        "<circle cx='200' cy='196' r='116' fill='$C'/>"
        "<circle cx='200' cy='196' r='98' fill='#fbfbf8'/>"
        "<circle cx='200' cy='196' r='84' fill='none' stroke='#333' stroke-width='12' "
        "stroke-dasharray='3 40.98'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='200' cy='196' r='88' fill='none' stroke='#999' "
                            "stroke-width='4' stroke-dasharray='1 8.21'/>");
    }
    s += hand((hour % 12 + minute / 60.0) / 12.0, 50, 10, "$D") + hand(minute / 60.0, 74, 6, "$D");
    if (v.option(1)) {
        s += hand(double((v.bits >> 24) % 60) / 60.0, 80, 3, "$A");
    }
    return s + QStringLiteral("<circle cx='200' cy='196' r='8' fill='$D'/>");
}

// ---- Tools

QString drill(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M158 204h40l16 88h-48z' fill='$D'/>"
                       "<rect x='104' y='142' width='180' height='68' rx='30' fill='$C'/>"
                       "<rect x='284' y='158' width='36' height='36' rx='6' fill='$D'/>"
                       "<rect x='320' y='171' width='46' height='10' rx='3' fill='#9aa3ad'/>"
                       "<rect x='136' y='286' width='96' height='36' rx='9' fill='$C'/>"
                       "<rect x='210' y='212' width='14' height='28' rx='5' fill='$A'/>"
                       "<path d='M126 160v32M140 160v32M154 160v32' stroke='$D' stroke-width='5' "
                       "stroke-linecap='round'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='150' y='296' width='68' height='8' rx='4' "
                            "fill='$A'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='250' cy='176' r='12' fill='$L'/>");
    }
    return s;
}

QString screwdrivers(const Variant &v)
{
    // Three or four screwdrivers standing side by side in their stand.
    const int n = v.count(3, 4);
    static const char *const fills[] = {"$C", "$A", "$D", "$C"};
    QString s;
    for (int i = 0; i < n; ++i) {
        const int x = 200 + (2 * i - (n - 1)) * 31;
        const int shaft = 76 + ((i + 1) % 3) * 22;
        s += QStringLiteral("<rect x='%1' y='%2' width='14' height='%3' fill='#b8bec6'/>"
                            "<path d='M%1 %2l7-16 7 16z' fill='#8a939c'/>"
                            "<rect x='%4' y='196' width='46' height='104' rx='18' fill='%5'/>"
                            "<path d='M%6 212v72M%7 212v72' stroke='#000' stroke-opacity='.2' "
                            "stroke-width='6' stroke-linecap='round'/>")
                 .arg(x - 7)
                 .arg(200 - shaft)
                 .arg(shaft)
                 .arg(x - 23)
                 .arg(QLatin1String(fills[i]))
                 .arg(x - 9)
                 .arg(x + 9);
    }
    if (v.option(0)) {
        s += QStringLiteral("<rect x='%1' y='276' width='%2' height='34' rx='8' fill='$D'/>")
                 .arg(200 - n * 31 - 12)
                 .arg(n * 62 + 24);
    }
    return s;
}

QString wrenches(const Variant &v)
{
    QString s = QStringLiteral("<g transform='rotate(-35 200 200)'>");
    for (int i = 0; i < 3; ++i) {
        const int y = 150 + i * 50;
        const int half = 112 - i * 14; // half length
        const int r = 22 - i * 3;
        s += QStringLiteral("<rect x='%1' y='%2' width='%3' height='18' rx='8' fill='#aab2bb'/>"
                            "<path d='M%4 %5a%6 %6 0 1 1 0 %7' fill='none' stroke='#aab2bb' "
                            "stroke-width='15'/>"
                            "<circle cx='%8' cy='%9' r='%6' fill='none' stroke='#aab2bb' "
                            "stroke-width='13'/>")
                 .arg(200 - half + r)
                 .arg(y - 9)
                 .arg(2 * half - 2 * r)
                 .arg(200 - half - r * 7 / 10)
                 .arg(y - r * 7 / 10)
                 .arg(r)
                 .arg(r * 14 / 10)
                 .arg(200 + half)
                 .arg(y);
        s += QStringLiteral("<rect x='%1' y='%2' width='%3' height='18' rx='8' fill='%4'/>")
                 .arg(200 - half / 2)
                 .arg(y - 9)
                 .arg(half)
                 .arg(i == 1 && v.option(0) ? QStringLiteral("$A") : QStringLiteral("$C"));
    }
    return s + QStringLiteral("</g>");
}

QString hammer(const Variant &v)
{
    QString s =
        QStringLiteral("<g transform='rotate(28 200 200)'>"
                       "<rect x='188' y='116' width='24' height='120' rx='8' fill='%1'/>"
                       "<rect x='182' y='206' width='36' height='112' rx='14' fill='$C'/>"
                       "<path d='M186 236h28M186 258h28M186 280h28' stroke='$D' stroke-width='6'/>"
                       "<path d='M126 92h108v44H126z' fill='#6b737c'/>"
                       "<rect x='108' y='96' width='24' height='36' rx='4' fill='#8a939c'/>"
                       "<path d='M232 92q56 0 72 44l-14 6q-18-26-58-22z' fill='#6b737c'/>")
            .arg(v.option(0) ? QStringLiteral("#b07a46") : QStringLiteral("#8a939c"));
    if (v.option(1)) {
        s += QStringLiteral("<rect x='182' y='300' width='36' height='10' rx='5' fill='$A'/>");
    }
    return s + QStringLiteral("</g>");
}

QString toolbox(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M150 164v-32q0-10 10-10h80q10 0 10 10v32' fill='none' stroke='#2b2d31' "
        "stroke-width='12'/>"
        "<rect x='78' y='170' width='244' height='136' rx='10' fill='$C'/>"
        "<path d='M78 182q0-22 22-22h200q22 0 22 22v28H78z' fill='$D'/>"
        "<rect x='106' y='198' width='24' height='32' rx='4' fill='$A'/>"
        "<rect x='270' y='198' width='24' height='32' rx='4' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='160' y='244' width='80' height='30' rx='4' fill='$L' "
                            "fill-opacity='.7'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M78 294h244' stroke='$D' stroke-width='10'/>");
    }
    return s;
}

QString tapeMeasure(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M56 278h114v24H56z' fill='#f2d24b'/>"
        "<path d='M62 284h104' stroke='#333' stroke-width='10' stroke-dasharray='2 8'/>"
        "<rect x='48' y='272' width='10' height='34' rx='2' fill='#8a939c'/>"
        "<rect x='140' y='106' width='44' height='24' rx='6' fill='$A'/>"
        "<rect x='120' y='120' width='180' height='186' rx='44' fill='$C'/>"
        "<circle cx='214' cy='210' r='46' fill='$D'/>"
        "<circle cx='214' cy='210' r='10' fill='#b8bec6'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M126 160v100' stroke='$L' stroke-width='10' "
                            "stroke-linecap='round'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<rect x='290' y='150' width='22' height='100' rx='6' fill='#444'/>");
    }
    return s;
}

QString circularSaw(const Variant &v)
{
    QString s = QStringLiteral(
        "<circle cx='200' cy='232' r='74' fill='#c4c8cc'/>"
        "<circle cx='200' cy='232' r='72' fill='none' stroke='#8a939c' stroke-width='9' "
        "stroke-dasharray='6 5'/>"
        "<rect x='236' y='146' width='92' height='72' rx='22' fill='$D'/>"
        "<path d='M150 160q10-60 70-60h30q24 0 24 24v34' fill='none' stroke='$D' "
        "stroke-width='22' stroke-linecap='round'/>"
        "<path d='M112 232a88 88 0 0 1 176 0z' fill='$C'/>"
        "<rect x='86' y='228' width='244' height='12' rx='4' fill='#6b737c'/>"
        "<path d='M262 130v22' stroke='$A' stroke-width='10' stroke-linecap='round'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M140 200h40' stroke='$L' stroke-width='8' "
                            "stroke-linecap='round'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M254 164v40M270 164v40M286 164v40' stroke='$C' "
                            "stroke-width='5' stroke-linecap='round'/>");
    }
    return s;
}

QString ladder(const Variant &v)
{
    const int rungs = v.count(4, 5);
    QString s =
        QStringLiteral("<path d='M182 76L112 306M218 76l70 230' stroke='$D' stroke-width='12' "
                       "stroke-linecap='round'/>"
                       "<path d='M176 72L126 306M224 72l50 234' stroke='$C' stroke-width='16' "
                       "stroke-linecap='round'/>");
    for (int i = 0; i < rungs; ++i) {
        const int y = 120 + i * (170 / rungs);
        const int dx = (y - 72) * 50 / 234;
        s += QStringLiteral("<path d='M%1 %2H%3' stroke='$C' stroke-width='11'/>")
                 .arg(176 - dx)
                 .arg(y)
                 .arg(224 + dx);
    }
    s += QStringLiteral("<rect x='158' y='58' width='84' height='24' rx='6' fill='$A'/>"
                        "<path d='M116 306h22M262 306h22' stroke='#2b2d31' stroke-width='9'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='226' y='94' width='50' height='12' rx='4' fill='$D'/>");
    }
    return s;
}

QString workLight(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<path d='M112 82L94 62M288 82l18-20M200 80V54' stroke='$A' "
                            "stroke-width='8' stroke-linecap='round'/>");
    }
    s += QStringLiteral(
        "<path d='M200 240v48M200 284l-62 24M200 284l62 24' stroke='#444' stroke-width='9' "
        "stroke-linecap='round'/>"
        "<path d='M98 170v64h204v-64' fill='none' stroke='#444' stroke-width='10'/>"
        "<rect x='108' y='98' width='184' height='134' rx='14' fill='$C'/>"
        "<rect x='124' y='114' width='152' height='102' rx='6' fill='#fff7d6'/>"
        "<path d='M142 134h120M142 165h120M142 196h120' stroke='#f2c84b' stroke-width='13' "
        "stroke-linecap='round' stroke-dasharray='1 22'/>"
        "<circle cx='98' cy='196' r='11' fill='$D'/><circle cx='302' cy='196' r='11' "
        "fill='$D'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M150 98V82h100v16' fill='none' stroke='$D' "
                            "stroke-width='10'/>");
    }
    return s;
}

QString clamp(const Variant &v)
{
    // A one-handed bar clamp: the bar on top, a fixed jaw at the far end, the sliding jaw with its
    // pistol grip and trigger.
    QString s;
    if (v.option(0)) { // clamping a piece of wood
        s += QStringLiteral("<rect x='176' y='196' width='110' height='52' fill='#d8b07a'/>"
                            "<path d='M184 214h94M184 232h84' stroke='#b98a52' "
                            "stroke-width='3'/>");
    }
    s += QStringLiteral("<rect x='50' y='112' width='300' height='20' rx='4' fill='#9aa3ad'/>"
                        "<rect x='296' y='104' width='44' height='146' rx='8' fill='$C'/>"
                        "<rect x='284' y='204' width='16' height='46' rx='4' fill='#2b2d31'/>"
                        "<rect x='92' y='150' width='44' height='140' rx='20' fill='$D' "
                        "transform='rotate(16 114 150)'/>"
                        "<path d='M150 170q22 40 2 84' fill='none' stroke='$A' stroke-width='13' "
                        "stroke-linecap='round'/>"
                        "<rect x='110' y='100' width='54' height='92' rx='10' fill='$C'/>"
                        "<rect x='130' y='180' width='34' height='70' rx='6' fill='$C'/>"
                        "<rect x='162' y='204' width='16' height='46' rx='4' fill='#2b2d31'/>");
    if (v.option(1)) {
        s += QStringLiteral("<rect x='66' y='96' width='14' height='40' rx='4' fill='$A'/>");
    }
    return s;
}

// ---- Garden

QString gardenHose(const Variant &v)
{
    QString s;
    for (int i = 0; i < 4; ++i) {
        s += QStringLiteral("<ellipse cx='162' cy='%1' rx='106' ry='38' fill='none' stroke='$C' "
                            "stroke-width='17'/>")
                 .arg(276 - i * 20);
    }
    s += QStringLiteral(
        "<path d='M266 212q40-16 32-70' fill='none' stroke='$C' stroke-width='17' "
        "stroke-linecap='round'/>"
        "<g transform='rotate(-24 300 140)'>"
        "<rect x='286' y='128' width='26' height='60' rx='9' fill='$A'/>"
        "<rect x='286' y='110' width='70' height='26' rx='9' fill='$A'/>"
        "<rect x='348' y='114' width='14' height='18' rx='3' fill='#444'/>"
        "<path d='M320 140q8 22 0 38' stroke='#444' stroke-width='7' fill='none'/></g>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M334 86l10-16M338 96l16-8M328 80l2-16' stroke='#5aa9e6' "
                            "stroke-width='5' stroke-linecap='round' stroke-dasharray='6 6'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<ellipse cx='162' cy='216' rx='106' ry='38' fill='none' "
                            "stroke='$L' stroke-width='4'/>");
    }
    return s;
}

QString pruningShears(const Variant &v)
{
    QString s =
        QStringLiteral(
            "<g transform='rotate(%1 200 200)'>"
            "<path d='M188 170Q150 80 66 70q60 40 104 110z' fill='#c4c8cc'/>"
            "<path d='M178 186Q120 140 70 150q46 6 98 48z' fill='#8a939c'/>"
            "<path d='M186 168q70 10 140 0l8 24q-84 20-156-2z' fill='$C'/>"
            "<path d='M180 190q40 60 110 98l-14 22q-80-40-110-108z' fill='$C'/>"
            "<path d='M230 180q40 6 90-2M214 218q30 40 70 68' fill='none' stroke='$D' "
            "stroke-width='9' stroke-linecap='round'/>"
            "<path d='M212 188l12 6-8 10 12 6' fill='none' stroke='#b8bec6' stroke-width='4'/>"
            "<circle cx='182' cy='180' r='11' fill='#444'/>")
            .arg(v.option(0) ? 6 : -4);
    if (v.option(1)) {
        s += QStringLiteral("<rect x='192' y='160' width='20' height='10' rx='4' fill='$A'/>");
    }
    return s + QStringLiteral("</g>");
}

QString lawnMower(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M270 214L326 84' stroke='#444' stroke-width='10' stroke-linecap='round'/>"
        "<path d='M310 78l34 14' stroke='#2b2d31' stroke-width='16' stroke-linecap='round'/>");
    if (v.option(0)) { // grass catcher
        s += QStringLiteral("<path d='M262 176l56 6 10 98h-76z' fill='#4a4f57'/>"
                            "<path d='M270 200l48 4M268 230l54 4M266 258l58 2' stroke='#6b737c' "
                            "stroke-width='4'/>");
    }
    s += QStringLiteral(
        "<path d='M66 268q0-56 64-64h118q42 0 52 40l6 30z' fill='$C'/>"
        "<rect x='138' y='160' width='92' height='50' rx='14' fill='$D'/>"
        "<rect x='162' y='146' width='26' height='16' rx='4' fill='#2b2d31'/>"
        "<path d='M84 250h214' stroke='$A' stroke-width='8'/>"
        "<circle cx='108' cy='280' r='28' fill='#2f2f33'/><circle cx='108' cy='280' r='11' "
        "fill='#c4c8cc'/>"
        "<circle cx='270' cy='276' r='34' fill='#2f2f33'/><circle cx='270' cy='276' r='13' "
        "fill='#c4c8cc'/>");
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='212' cy='186' r='8' fill='$A'/>");
    }
    return s;
}

QString plant(const Variant &v)
{
    QString s;
    const int leaves = v.count(4, 7);
    for (int i = 0; i < leaves; ++i) {
        const double t = leaves == 1 ? 0.5 : double(i) / (leaves - 1);
        const int angle = int(-70 + 140 * t);
        const int length = 70 + ((v.bits >> (i + 3)) & 3) * 10;
        s += QStringLiteral("<g transform='rotate(%1 200 236)'><path d='M200 236V%2' "
                            "stroke='#3d7a36' stroke-width='5'/><ellipse cx='200' "
                            "cy='%3' rx='17' ry='%4' fill='%5'/></g>")
                 .arg(angle)
                 .arg(236 - length)
                 .arg(236 - length - 14)
                 .arg(30 + (i % 2) * 6)
                 .arg(i % 2 ? QStringLiteral("#4f9d46") : QStringLiteral("#62b357"));
    }
    s += QStringLiteral("<path d='M140 250h120l-16 70h-88z' fill='$C'/>"
                        "<rect x='130' y='236' width='140' height='24' rx='6' "
                        "fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M146 282h108' stroke='$A' stroke-width='8'/>");
    }
    return s;
}

QString grill(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M166 240L120 306M234 240l46 66M200 250v56' stroke='#444' stroke-width='8' "
        "stroke-linecap='round'/>"
        "<circle cx='282' cy='304' r='13' fill='#2f2f33'/>"
        "<path d='M102 190h196a98 74 0 0 1-196 0z' fill='$C'/>"
        "<path d='M106 184a94 82 0 0 1 188 0z' fill='$C'/>"
        "<rect x='96' y='180' width='208' height='12' rx='6' fill='$D'/>"
        "<path d='M172 104V90h56v14' fill='none' stroke='#2b2d31' stroke-width='10'/>"
        "<rect x='296' y='182' width='26' height='9' rx='4' fill='#2b2d31'/>"
        "<path d='M130 150q70-40 140 0' fill='none' stroke='#fff' stroke-opacity='.2' "
        "stroke-width='10' stroke-linecap='round'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M180 80q-12-20 0-36t0-30M216 80q-12-20 0-36' fill='none' "
                            "stroke='#9aa3ad' stroke-opacity='.7' stroke-width='6' "
                            "stroke-linecap='round'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='246' cy='142' r='12' fill='#fff'/><path d='M246 142l5-7' "
                            "stroke='$A' stroke-width='3'/>");
    }
    return s;
}

QString patioChair(const Variant &v)
{
    QString s;
    for (int i = 0; i < 5; ++i) {
        s += QStringLiteral("<rect x='187' y='%1' width='26' height='%2' rx='13' fill='$C' "
                            "transform='rotate(%3 200 260)'/>")
                 .arg(96 + std::abs(i - 2) * 8)
                 .arg(170 - std::abs(i - 2) * 8)
                 .arg((i - 2) * 9);
    }
    s += QStringLiteral("<rect x='118' y='150' width='164' height='14' rx='6' fill='$D'/>"
                        "<rect x='84' y='210' width='18' height='96' fill='$D'/>"
                        "<rect x='298' y='210' width='18' height='96' fill='$D'/>"
                        "<path d='M106 236h188l-10 34H116z' fill='$C'/>"
                        "<path d='M112 250h176' stroke='$D' stroke-width='4'/>"
                        "<rect x='66' y='196' width='88' height='20' rx='7' fill='$C'/>"
                        "<rect x='246' y='196' width='88' height='20' rx='7' fill='$C'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='140' y='210' width='120' height='34' rx='14' fill='$A'/>");
    }
    return s;
}

QString solarLight(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='200' cy='182' r='86' fill='#ffd54a' fill-opacity='.25'/>");
    }
    s += QStringLiteral(
        "<path d='M192 236h16v58l-8 20-8-20z' fill='#444'/>"
        "<rect x='160' y='140' width='80' height='88' rx='6' fill='#fff7d6' fill-opacity='.9'/>"
        "<circle cx='200' cy='180' r='13' fill='#ffd54a'/>"
        "<path d='M176 142v86M224 142v86' stroke='$C' stroke-width='7'/>"
        "<rect x='164' y='226' width='72' height='16' rx='5' fill='$C'/>"
        "<path d='M136 144l26-32h76l26 32z' fill='$C'/>"
        "<path d='M160 120l10-14h60l10 14z' fill='#2b3f66'/>"
        "<path d='M186 106l-3 14M200 106v14M214 106l3 14' stroke='#6f8fc7' stroke-width='2'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M150 314q10-30 14 0M236 314q6-26 14 0' fill='#62b357'/>");
    }
    return s;
}

QString wheelbarrow(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M150 236L350 192' stroke='#7a5230' stroke-width='12' stroke-linecap='round'/>"
        "<path d='M266 214l14 88' stroke='#444' stroke-width='10' stroke-linecap='round'/>"
        "<path d='M104 268L240 226' stroke='#444' stroke-width='9'/>"
        "<circle cx='102' cy='272' r='34' fill='#2f2f33'/>"
        "<circle cx='102' cy='272' r='14' fill='#c4c8cc'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M96 158q50-46 104-20 44-26 112 20z' fill='#7a5a3a'/>");
    }
    s += QStringLiteral("<path d='M84 160h232l-46 78H150z' fill='$C'/>"
                        "<rect x='78' y='150' width='244' height='16' rx='6' fill='$D'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M120 190h150' stroke='$A' stroke-width='8'/>");
    }
    return s;
}

QString sprinkler(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M200 232L110 96M200 232L152 84M200 232V78M200 232L248 84M200 232L290 96' "
        "stroke='#5aa9e6' stroke-width='5' stroke-linecap='round' stroke-dasharray='8 10'/>"
        "<path d='M104 266q96-64 192 0' fill='none' stroke='#9aa3ad' stroke-width='13'/>"
        "<path d='M104 266q96-64 192 0' fill='none' stroke='#4a4f57' stroke-width='4' "
        "stroke-linecap='round' stroke-dasharray='1 12'/>"
        "<rect x='80' y='280' width='240' height='22' rx='8' fill='$C'/>"
        "<rect x='70' y='252' width='42' height='54' rx='10' fill='$D'/>"
        "<rect x='288' y='252' width='42' height='54' rx='10' fill='$D'/>"
        "<circle cx='309' cy='272' r='8' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M330 290h24' stroke='#62b357' stroke-width='13'/>");
    }
    return s;
}

QString birdFeeder(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M200 46v36' stroke='#6b737c' stroke-width='4'/>"
        "<circle cx='200' cy='40' r='8' fill='none' stroke='#6b737c' stroke-width='4'/>"
        "<rect x='142' y='146' width='116' height='118' fill='#dfe9ef' fill-opacity='.8'/>"
        "<rect x='142' y='196' width='116' height='68' fill='#c9a36b'/>"
        "<path d='M150 212h100M156 230h90M150 248h100' stroke='#a27a44' stroke-width='6' "
        "stroke-linecap='round' stroke-dasharray='1 10'/>"
        "<path d='M146 146v124M254 146v124' stroke='$D' stroke-width='8'/>"
        "<path d='M106 144l94-64 94 64z' fill='$C'/>"
        "<path d='M100 146h200' stroke='$D' stroke-width='10' stroke-linecap='round'/>"
        "<rect x='118' y='262' width='164' height='16' rx='6' fill='$C'/>"
        "<path d='M94 272h28M278 272h28' stroke='#7a5230' stroke-width='6' "
        "stroke-linecap='round'/>");
    if (v.option(0)) { // a bird on the perch
        s += QStringLiteral("<path d='M290 254l-18-8 4 14z' fill='$A'/>"
                            "<ellipse cx='304' cy='254' rx='20' ry='14' fill='$A'/>"
                            "<circle cx='320' cy='240' r='10' fill='$A'/>"
                            "<path d='M329 238l10 3-10 3z' fill='#f2a541'/>"
                            "<circle cx='322' cy='238' r='2' fill='#222'/>");
    }
    return s;
}

// ---- Sports and fitness

QString dumbbell(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='92' y='192' width='216' height='16' rx='8' fill='#9aa3ad'/>"
                       "<rect x='100' y='142' width='30' height='116' rx='9' fill='$C'/>"
                       "<rect x='134' y='158' width='22' height='84' rx='7' fill='$D'/>"
                       "<rect x='270' y='142' width='30' height='116' rx='9' fill='$C'/>"
                       "<rect x='244' y='158' width='22' height='84' rx='7' fill='$D'/>"
                       "<path d='M176 192v16M188 192v16M200 192v16M212 192v16M224 192v16' "
                       "stroke='#6b737c' stroke-width='3'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='70' y='170' width='26' height='60' rx='6' "
                            "fill='$A'/><rect x='304' y='170' width='26' height='60' "
                            "rx='6' fill='$A'/>");
    }
    return s;
}

QString yogaMat(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M230 282h100l34 24H206z' fill='$C'/>"
        "<rect x='92' y='188' width='220' height='98' rx='16' fill='$C'/>"
        "<path d='M104 194h196' stroke='$L' stroke-opacity='.5' stroke-width='8' "
        "stroke-linecap='round'/>"
        "<ellipse cx='98' cy='237' rx='26' ry='49' fill='$D'/>"
        "<ellipse cx='98' cy='237' rx='17' ry='33' fill='none' stroke='$L' stroke-width='4'/>"
        "<ellipse cx='98' cy='237' rx='8' ry='16' fill='none' stroke='$L' stroke-width='4'/>");
    if (!v.option(0)) {
        s += QStringLiteral("<path d='M160 184v106M254 184v106' stroke='$A' stroke-width='11'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M160 184q50-70 94 0' fill='none' stroke='$A' "
                            "stroke-width='8'/>");
    }
    return s;
}

QString resistanceBand(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<ellipse cx='200' cy='284' rx='96' ry='22' fill='none' stroke='$A' "
                            "stroke-width='14'/>");
    }
    s += QStringLiteral(
        "<path d='M120 124C110 330 290 330 280 124' fill='none' stroke='$C' stroke-width='13' "
        "stroke-linecap='round'/>"
        "<path d='M104 104l16 22 16-22M264 104l16 22 16-22' fill='none' stroke='$D' "
        "stroke-width='7'/>"
        "<rect x='88' y='82' width='64' height='26' rx='13' fill='#2b2d31'/>"
        "<rect x='248' y='82' width='64' height='26' rx='13' fill='#2b2d31'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M98 95h44M258 95h44' stroke='$A' stroke-width='5' "
                            "stroke-dasharray='4 4'/>");
    }
    return s;
}

QString treadmill(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M286 262L302 126' stroke='$D' stroke-width='22' stroke-linecap='round'/>"
        "<path d='M298 156h-84' stroke='$D' stroke-width='12' stroke-linecap='round'/>"
        "<g transform='rotate(-4 290 270)'>"
        "<rect x='36' y='252' width='280' height='42' rx='14' fill='$C'/>"
        "<rect x='46' y='244' width='236' height='12' rx='6' fill='#2f2f33'/>"
        "<path d='M256 252q10-34 48-28 22 8 20 40z' fill='$D'/></g>"
        "<g transform='rotate(-20 300 112)'>"
        "<rect x='246' y='86' width='110' height='48' rx='12' fill='$D'/>"
        "<rect x='262' y='96' width='78' height='26' rx='4' fill='$A'/></g>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M62 302h16M256 294h16' stroke='#2b2d31' stroke-width='10' "
                            "stroke-linecap='round'/>");
    }
    return s;
}

QString exerciseBike(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M76 304h110M220 304h120' stroke='$D' stroke-width='12' "
        "stroke-linecap='round'/>"
        "<circle cx='282' cy='250' r='46' fill='$D'/><circle cx='282' cy='250' r='16' "
        "fill='#c4c8cc'/>"
        "<path d='M130 304L172 186M168 252h110M280 300L300 120' fill='none' stroke='$C' "
        "stroke-width='18' stroke-linecap='round'/>"
        "<path d='M140 176h64l-6 14h-52z' fill='#2b2d31'/>"
        "<path d='M286 116h52' stroke='#2b2d31' stroke-width='12' stroke-linecap='round'/>"
        "<circle cx='206' cy='252' r='18' fill='$D'/>"
        "<path d='M206 252l20 30' stroke='#444' stroke-width='8'/>"
        "<rect x='212' y='278' width='30' height='9' rx='3' fill='#2b2d31'/>"
        "<rect x='292' y='94' width='34' height='20' rx='4' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M246 250a36 36 0 0 1 72 0' fill='none' stroke='$C' "
                            "stroke-width='8'/>");
    }
    return s;
}

QString kettlebell(const Variant &v)
{
    static const int weights[] = {8, 12, 16, 20, 24};
    QString s = QStringLiteral(
        "<path d='M150 180v-34q0-44 50-44t50 44v34' fill='none' stroke='$C' stroke-width='26'/>"
        "<circle cx='200' cy='226' r='84' fill='$C'/>"
        "<rect x='146' y='296' width='108' height='14' rx='6' fill='$D'/>"
        "<path d='M140 214q4-40 40-58' fill='none' stroke='#fff' stroke-opacity='.25' "
        "stroke-width='12' stroke-linecap='round'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='150' y='226' width='100' height='40' rx='8' fill='$A'/>");
    }
    s += label(200, 258, 30, v.option(0) ? QStringLiteral("#fff") : QStringLiteral("$L"),
               QString::number(weights[v.count(0, 4)]) + QStringLiteral("KG"));
    return s;
}

QString jumpRope(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M132 128C60 270 150 326 204 304S346 210 268 120' fill='none' stroke='$C' "
        "stroke-width='8' stroke-linecap='round'/>"
        "<rect x='114' y='52' width='30' height='84' rx='15' fill='$D' "
        "transform='rotate(-16 129 94)'/>"
        "<rect x='256' y='44' width='30' height='84' rx='15' fill='$D' "
        "transform='rotate(18 271 86)'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='114' y='52' width='30' height='16' rx='8' fill='$A' "
                            "transform='rotate(-16 129 94)'/>"
                            "<rect x='256' y='44' width='30' height='16' rx='8' fill='$A' "
                            "transform='rotate(18 271 86)'/>");
    }
    return s;
}

QString waterBottle(const Variant &v)
{
    QString s = v.option(0)
        ? QStringLiteral("<path d='M180 88q20-46 40 0' fill='none' stroke='$D' stroke-width='9'/>")
        : QStringLiteral("<rect x='186' y='66' width='28' height='22' rx='6' fill='$D'/>");
    s += QStringLiteral(
        "<rect x='150' y='112' width='100' height='196' rx='24' fill='$C'/>"
        "<rect x='162' y='82' width='76' height='36' rx='10' fill='$D'/>"
        "<rect x='164' y='130' width='12' height='160' rx='6' fill='#fff' fill-opacity='.25'/>");
    s += v.option(1) ? QStringLiteral("<rect x='150' y='196' width='100' height='44' fill='$A' "
                                      "fill-opacity='.9'/>")
                     : QStringLiteral("<path d='M190 170v100' stroke='$A' stroke-width='8' "
                                      "stroke-dasharray='2 12'/>");
    return s;
}

QString duffelBag(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<path d='M82 210Q200 36 318 210' fill='none' stroke='$D' "
                            "stroke-width='9'/>");
    }
    s += QStringLiteral(
        "<path d='M150 180q0-54 50-54t50 54' fill='none' stroke='$D' stroke-width='13'/>"
        "<rect x='64' y='168' width='272' height='138' rx='62' fill='$C'/>"
        "<ellipse cx='92' cy='237' rx='24' ry='60' fill='$D'/>"
        "<ellipse cx='308' cy='237' rx='24' ry='60' fill='$D'/>"
        "<path d='M110 180h180' stroke='#2b2d31' stroke-width='5' stroke-dasharray='4 2'/>"
        "<rect x='270' y='176' width='10' height='20' rx='3' fill='$A'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M118 262h164' stroke='$A' stroke-width='10'/>");
    }
    return s;
}

QString foamRoller(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='70' y='176' width='250' height='124' rx='14' fill='$C'/>"
        "<path d='M96 192v96M128 192v96M160 192v96M192 192v96M224 192v96M256 192v96M288 "
        "192v96' stroke='$L' stroke-width='14' stroke-dasharray='12 10' "
        "stroke-linecap='round'/>"
        "<ellipse cx='320' cy='238' rx='30' ry='62' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<ellipse cx='320' cy='238' rx='14' ry='30' fill='#2b2d31'/>");
    } else {
        s += QStringLiteral("<ellipse cx='320' cy='238' rx='18' ry='38' fill='none' stroke='$A' "
                            "stroke-width='6'/>");
    }
    return s;
}

// ---- Camping

QString tent(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='56' y='288' width='288' height='9' rx='4' fill='#6b5a45'/>"
                       "<path d='M78 290L200 108l122 182z' fill='$C'/>"
                       "<path d='M200 108l122 182h-70z' fill='$D'/>"
                       "<path d='M200 186l-36 104h72z' fill='#2d2a26' fill-opacity='.75'/>"
                       "<path d='M78 290l-26 12M322 290l26 12' stroke='$D' stroke-width='3'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M200 110V76l28 9-28 9' fill='$A' stroke='$D' "
                            "stroke-width='3'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M118 232h54M108 252h46' stroke='$A' "
                            "stroke-width='6'/>");
    }
    return s;
}

QString sleepingBag(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M70 236q0-58 70-62l190 22q26 4 26 40t-26 40l-190 22q-70-4-70-62z' "
        "fill='$C'/>"
        "<path d='M170 182q-10 54 0 108M214 187q-8 49 0 98M258 192q-6 44 0 88M302 197q-4 39 0 "
        "78' fill='none' stroke='$D' stroke-width='4'/>"
        "<ellipse cx='114' cy='236' rx='30' ry='38' fill='$D'/>"
        "<ellipse cx='116' cy='236' rx='19' ry='27' fill='$L'/>"
        "<path d='M144 236h194' stroke='$A' stroke-width='5'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='150' cy='204' r='7' fill='$A'/><path d='M150 204l-10-10' "
                            "stroke='$A' stroke-width='3'/>");
    }
    return s;
}

QString backpack(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M186 84q14-24 28 0' fill='none' stroke='#2b2d31' stroke-width='6'/>"
        "<rect x='128' y='92' width='144' height='214' rx='32' fill='$C'/>"
        "<path d='M126 120q0-36 36-36h76q36 0 36 36v28H126z' fill='$D'/>"
        "<rect x='148' y='196' width='104' height='92' rx='18' fill='$D'/>"
        "<path d='M166 146v44M234 146v44' stroke='#2b2d31' stroke-width='8'/>"
        "<rect x='159' y='160' width='14' height='12' rx='2' fill='$A'/>"
        "<rect x='227' y='160' width='14' height='12' rx='2' fill='$A'/>"
        "<path d='M120 220h18M262 220h18M120 256h18M262 256h18' stroke='$A' "
        "stroke-width='6'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='112' y='290' width='176' height='32' rx='16' fill='$A'/>"
                            "<path d='M150 290v32M250 290v32' stroke='#2b2d31' "
                            "stroke-width='5'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M168 230h64' stroke='$L' stroke-width='5' "
                            "stroke-linecap='round'/>");
    }
    return s;
}

QString trekkingPoles(const Variant &v)
{
    QString s;
    for (int i = 0; i < 2; ++i) {
        s += QStringLiteral(
                 "<g transform='translate(%1 0) rotate(%2 200 300)'>"
                 "<rect x='196' y='126' width='10' height='100' fill='$C'/>"
                 "<rect x='197' y='222' width='8' height='84' fill='#9aa3ad'/>"
                 "<rect x='192' y='216' width='18' height='12' rx='3' fill='$D'/>"
                 "<ellipse cx='201' cy='284' rx='17' ry='5' fill='#2b2d31'/>"
                 "<path d='M199 306h4l-2 12z' fill='#444'/>"
                 "<path d='M190 78q-28 36 0 56' fill='none' stroke='$A' stroke-width='6'/>"
                 "<rect x='189' y='64' width='24' height='66' rx='9' fill='%3'/></g>")
                 .arg(i ? 34 : -34)
                 .arg(i ? 8 : -8)
                 .arg(v.option(0) ? QStringLiteral("#b98a52") : QStringLiteral("#2b2d31"));
    }
    return s;
}

QString campStove(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='80' y='88' width='240' height='112' rx='8' fill='$C'/>"
                       "<rect x='92' y='100' width='216' height='92' rx='4' fill='$D'/>"
                       "<path d='M150 190q-16-24 0-46 16 22 0 46zM250 190q-16-24 0-46 16 22 0 46z' "
                       "fill='#5aa9e6'/>"
                       "<path d='M150 190q-7-10 0-20 7 10 0 20zM250 190q-7-10 0-20 7 10 0 20z' "
                       "fill='#ffd54a'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='206' y='118' width='88' height='64' rx='6' fill='#8a939c'/>"
                            "<rect x='200' y='112' width='100' height='10' rx='4' "
                            "fill='#6b737c'/>");
    }
    s += QStringLiteral(
        "<rect x='70' y='196' width='260' height='96' rx='10' fill='$C'/>"
        "<rect x='84' y='188' width='232' height='14' rx='4' fill='#2b2d31'/>"
        "<circle cx='120' cy='248' r='13' fill='#2b2d31'/><circle cx='280' cy='248' r='13' "
        "fill='#2b2d31'/>"
        "<rect x='176' y='236' width='48' height='22' rx='4' fill='$A'/>");
    return s;
}

QString headlamp(const Variant &v)
{
    QString s = QStringLiteral(
        "<ellipse cx='200' cy='196' rx='120' ry='56' fill='none' stroke='$D' stroke-width='20'/>"
        "<path d='M80 196a120 56 0 0 0 240 0' fill='none' stroke='$C' stroke-width='20'/>"
        "<rect x='148' y='212' width='104' height='80' rx='20' fill='$C'/>"
        "<circle cx='200' cy='252' r='30' fill='#2b2d31'/>"
        "<circle cx='200' cy='252' r='21' fill='#fff7d6'/>"
        "<rect x='176' y='204' width='48' height='12' rx='6' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M200 210v-20M156 226l-16-12M244 226l16-12' stroke='#ffd54a' "
                            "stroke-width='6' stroke-linecap='round'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M200 140v-16' stroke='$C' stroke-width='20'/>");
    }
    return s;
}

QString cooler(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M76 212H60v44h16M324 212h16v44h-16' fill='none' stroke='#444' "
                       "stroke-width='8'/>"
                       "<rect x='76' y='170' width='248' height='136' rx='16' fill='$C'/>"
                       "<rect x='68' y='144' width='264' height='40' rx='14' fill='%1'/>"
                       "<rect x='112' y='176' width='22' height='28' rx='4' fill='#2b2d31'/>"
                       "<rect x='266' y='176' width='22' height='28' rx='4' fill='#2b2d31'/>"
                       "<rect x='160' y='232' width='80' height='20' rx='4' fill='$A'/>"
                       "<circle cx='298' cy='288' r='6' fill='#2b2d31'/>")
            .arg(v.option(0) ? QStringLiteral("$D") : QStringLiteral("$L"));
    if (v.option(1)) {
        s += QStringLiteral("<path d='M100 164h200' stroke='#fff' stroke-opacity='.3' "
                            "stroke-width='6' stroke-linecap='round'/>");
    }
    return s;
}

QString hammock(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M50 304h300' stroke='#7a5230' stroke-width='12' stroke-linecap='round'/>"
        "<path d='M62 300Q40 180 72 96M338 300Q360 180 328 96' fill='none' stroke='#7a5230' "
        "stroke-width='12' stroke-linecap='round'/>"
        "<path d='M72 100l22 76M72 100l40 72M328 100l-22 76M328 100l-40 72' stroke='#c9b58c' "
        "stroke-width='3'/>"
        "<path d='M92 174Q200 236 308 174Q200 350 92 174z' fill='$C'/>"
        "<path d='M86 174h34M280 174h34' stroke='#7a5230' stroke-width='8' "
        "stroke-linecap='round'/>");
    s += v.option(0) ? QStringLiteral("<path d='M116 206Q200 270 284 206M136 230Q200 278 264 230' "
                                      "fill='none' stroke='$A' stroke-width='8'/>")
                     : QStringLiteral("<path d='M126 214Q200 272 274 214' fill='none' "
                                      "stroke='$L' stroke-width='12'/>");
    return s;
}

QString binoculars(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='124' y='112' width='60' height='40' rx='12' fill='#2b2d31'/>"
        "<rect x='216' y='112' width='60' height='40' rx='12' fill='#2b2d31'/>"
        "<rect x='176' y='150' width='48' height='50' rx='12' fill='$D'/>"
        "<rect x='186' y='116' width='28' height='40' rx='8' fill='#2b2d31'/>"
        "<circle cx='140' cy='220' r='66' fill='$C'/><circle cx='260' cy='220' r='66' "
        "fill='$C'/>"
        "<circle cx='140' cy='220' r='48' fill='#1d1f24'/><circle cx='260' cy='220' r='48' "
        "fill='#1d1f24'/>"
        "<circle cx='140' cy='220' r='35' fill='#35507a'/><circle cx='260' cy='220' r='35' "
        "fill='#35507a'/>"
        "<circle cx='128' cy='206' r='10' fill='#fff' fill-opacity='.5'/><circle cx='248' "
        "cy='206' r='10' fill='#fff' fill-opacity='.5'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M74 220q-10 70 30 100M326 220q10 70-30 100' fill='none' "
                            "stroke='$A' stroke-width='6'/>");
    }
    return s;
}

QString multiTool(const Variant &v)
{
    QString s;
    if (v.option(0)) { // a blade folded out
        s += QStringLiteral("<path d='M236 236l92-56q12 4 4 16l-84 56z' fill='#d4d8dc'/>");
    }
    s += QStringLiteral("<path d='M176 180l14-100h20l14 100z' fill='#b8bec6'/>"
                        "<path d='M200 84v92' stroke='#6b737c' stroke-width='3'/>"
                        "<rect x='176' y='168' width='36' height='146' rx='10' fill='$C' "
                        "transform='rotate(16 194 172)'/>"
                        "<rect x='188' y='168' width='36' height='146' rx='10' fill='$C' "
                        "transform='rotate(-16 206 172)'/>"
                        "<path d='M176 220l-16 56M224 220l16 56' stroke='$D' stroke-width='8' "
                        "stroke-linecap='round'/>"
                        "<circle cx='200' cy='176' r='11' fill='#6b737c'/>");
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='156' cy='296' r='6' fill='$A'/>");
    }
    return s;
}

// ---- Men's clothing

// A long-sleeved top seen from the front, hem at y = bottom (jackets, sweaters, shirts, coats).
QString longSleeveTop(int bottom)
{
    return QStringLiteral("<path d='M156 96l-44 14-34 40-18 150h36l14-118 16 18V%1h148V200l16-18 "
                          "14 118h36l-18-150-34-40-44-14q-44 20-88 0z' fill='$C'/>")
        .arg(bottom);
}

QString tShirt(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M152 108l-42 16-42 52 38 26 20-20v120h148V182l20 20 38-26-42-52-42-16q-48 "
        "36-96 0z' fill='$C'/>"
        "<path d='M152 108q48 36 96 0' fill='none' stroke='$D' stroke-width='9'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M126 226h148M126 250h148' stroke='$L' "
                            "stroke-width='12'/>");
    } else if (v.option(1)) {
        s += QStringLiteral("<circle cx='200' cy='210' r='30' fill='$A'/>");
    } else {
        s += QStringLiteral("<rect x='236' y='160' width='26' height='30' rx='4' "
                            "fill='$D'/>");
    }
    return s;
}

QString jeans(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M132 92h136l16 216h-62l-22-150-22 150h-62z' fill='$C'/>"
        "<rect x='130' y='84' width='140' height='22' rx='3' fill='$D'/>"
        "<path d='M150 82v26M250 82v26M176 82v26M224 82v26' stroke='$C' stroke-width='6'/>"
        "<path d='M200 106v40q-4 12-18 12' fill='none' stroke='$D' stroke-width='3'/>"
        "<path d='M140 112q24 26 42-2M260 112q-24 26-42-2' fill='none' stroke='$L' "
        "stroke-width='4'/>"
        "<circle cx='200' cy='95' r='5' fill='#c9a24a'/>"
        "<path d='M150 160l-12 140M250 160l12 140' stroke='$D' stroke-opacity='.4' "
        "stroke-width='3'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M117 296h61M222 296h61' stroke='$D' stroke-width='10'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M142 214h24M236 226h24' stroke='$L' stroke-width='5' "
                            "stroke-dasharray='3 3'/>");
    }
    return s;
}

QString jacket(const Variant &v)
{
    QString s = longSleeveTop(304)
        + QStringLiteral("<path d='M156 96q44 20 88 0l-6-18q-38 14-76 0z' fill='$D'/>"
                         "<path d='M200 110v194' stroke='#2b2d31' stroke-width='5'/>"
                         "<rect x='196' y='118' width='8' height='20' rx='2' fill='$A'/>"
                         "<path d='M144 234l20 30M256 234l-20 30' stroke='$D' stroke-width='5' "
                         "stroke-linecap='round'/>"
                         "<path d='M60 294h36M304 294h36' stroke='$D' stroke-width='10'/>"
                         "<rect x='126' y='292' width='148' height='12' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M70 200l28 4M330 200l-28 4' stroke='$A' stroke-width='8'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M140 150h40v30h-40z' fill='$D' fill-opacity='.5'/>");
    }
    return s;
}

QString hoodie(const Variant &v)
{
    QString s = QStringLiteral("<path d='M146 112q-6-78 54-80t54 80z' fill='$C'/>"
                               "<path d='M164 110q0-54 36-56t36 56z' fill='$D'/>")
        + longSleeveTop(304)
        + QStringLiteral("<path d='M186 112v52M214 112v52' stroke='$A' stroke-width='4' "
                         "stroke-linecap='round'/>"
                         "<path d='M152 232h96l18 52H134z' fill='$D' fill-opacity='.45'/>"
                         "<rect x='126' y='290' width='148' height='14' fill='$D'/>"
                         "<path d='M60 292h36M304 292h36' stroke='$D' stroke-width='12'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='200' cy='190' r='22' fill='$A'/>");
    }
    return s;
}

QString sweater(const Variant &v)
{
    QString s = longSleeveTop(304)
        + QStringLiteral(
                    "<path d='M156 96q44 28 88 0' fill='none' stroke='$D' stroke-width='12'/>"
                    "<path d='M126 296h148M60 292h36M304 292h36' stroke='$D' stroke-width='16' "
                    "stroke-dasharray='4 3'/>");
    s += v.option(0) ? QStringLiteral("<path d='M166 136v150M200 140v146M234 136v150' "
                                      "stroke='$L' stroke-width='7' stroke-dasharray='9 6'/>")
                     : QStringLiteral("<path d='M112 180h176M126 200h148' stroke='$A' "
                                      "stroke-width='10'/>");
    return s;
}

QString dressShirt(const Variant &v)
{
    QString s = longSleeveTop(304)
        + QStringLiteral("<path d='M200 122v182' stroke='$D' stroke-width='3'/>"
                         "<path d='M60 290h36M304 290h36' stroke='$D' stroke-width='14'/>"
                         "<rect x='222' y='160' width='32' height='36' rx='3' fill='none' "
                         "stroke='$D' stroke-width='3'/>");
    s += v.option(0) ? QStringLiteral("<path d='M200 124l-12 12 12 96 12-96z' fill='$A'/>")
                     : QStringLiteral("<path d='M207 142v150' stroke='#fff' stroke-width='6' "
                                      "stroke-linecap='round' stroke-dasharray='1 28'/>");
    s += QStringLiteral("<path d='M158 92l42 30-20 24-28-32zM242 92l-42 30 20 24 28-32z' "
                        "fill='$L'/>");
    return s;
}

QString shorts(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M126 150h148l20 150h-78l-16-76-16 76h-78z' fill='$C'/>"
                       "<rect x='124' y='138' width='152' height='24' rx='4' fill='$D'/>"
                       "<path d='M196 162q-6 20-14 30M204 162q6 20 14 30' fill='none' stroke='$A' "
                       "stroke-width='4' stroke-linecap='round'/>");
    s += v.option(0) ? QStringLiteral("<path d='M128 176l-16 120M272 176l16 120' stroke='$A' "
                                      "stroke-width='8'/>")
                     : QStringLiteral("<path d='M109 290h76M215 290h76' stroke='$D' "
                                      "stroke-width='8'/>");
    return s;
}

QString socks(const Variant &v)
{
    const QString sock = QStringLiteral(
        "<path d='M150 80h60v128q0 18 14 28l52 36q22 16 10 36t-38 8l-80-50q-18-12-18-34z' "
        "fill='%1'/>"
        "<path d='M150 224q0 28 22 42l12 8 12-30q-14-8-16-20zM264 264l12 8q22 16 10 36t-38 "
        "8l-8-4z' fill='%2'/>"
        "<path d='M150 98h60M150 114h60' stroke='$A' stroke-width='8'/>");
    QString s = QStringLiteral("<g transform='translate(-44 -12)'>")
        + sock.arg(QStringLiteral("$D"), QStringLiteral("$D")) + QStringLiteral("</g>")
        + sock.arg(QStringLiteral("$C"), QStringLiteral("$D"));
    if (v.option(0)) {
        s += QStringLiteral("<path d='M166 140v60M194 140v60' stroke='$L' stroke-width='6' "
                            "stroke-dasharray='2 6'/>");
    }
    return s;
}

QString belt(const Variant &v)
{
    QString s =
        QStringLiteral(
            "<ellipse cx='200' cy='224' rx='112' ry='66' fill='none' stroke='$C' "
            "stroke-width='24'/>"
            "<ellipse cx='200' cy='224' rx='78' ry='42' fill='none' stroke='$D' stroke-width='22'/>"
            "<path d='M96 298h80' stroke='$C' stroke-width='24' stroke-linecap='round'/>"
            "<path d='M110 298h48' stroke='$D' stroke-width='7' stroke-linecap='round' "
            "stroke-dasharray='1 15'/>"
            "<rect x='170' y='270' width='62' height='50' rx='9' fill='none' stroke='%1' "
            "stroke-width='9'/>"
            "<path d='M172 295h30' stroke='%1' stroke-width='6' stroke-linecap='round'/>")
            .arg(v.option(0) ? QStringLiteral("#b8bec6") : QStringLiteral("#d4b25a"));
    if (v.option(1)) {
        s += QStringLiteral("<path d='M100 224a100 54 0 0 1 200 0' fill='none' stroke='$L' "
                            "stroke-width='3' stroke-dasharray='6 5'/>");
    }
    return s;
}

QString cap(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M258 282q70-6 98 16q-8 16-62 12l-44-8z' fill='$D'/>"
        "<path d='M66 292q0-124 108-124t108 124z' fill='$C'/>"
        "<path d='M174 170q-30 40-24 120M174 170q34 40 44 118' fill='none' stroke='$D' "
        "stroke-width='3'/>"
        "<rect x='162' y='160' width='24' height='12' rx='6' fill='$D'/>"
        "<path d='M66 290h216' stroke='$D' stroke-width='10'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='226' cy='232' r='22' fill='$A'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M118 214h40' stroke='$L' stroke-width='6' "
                            "stroke-linecap='round' stroke-dasharray='1 14'/>");
    }
    return s;
}

// ---- Women's clothing

QString dress(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M176 96h48l10 66q-4 14-4 28l62 130H108l62-130q0-14-4-28z' fill='$C'/>"
        "<path d='M176 96l-8-18M224 96l8-18' stroke='$D' stroke-width='6' "
        "stroke-linecap='round'/>"
        "<rect x='164' y='184' width='72' height='12' rx='5' fill='$D'/>");
    if (v.option(0)) {
        for (int i = 0; i < 6; ++i) {
            s += QStringLiteral("<circle cx='%1' cy='%2' r='7' fill='$L'/>")
                     .arg(150 + (i % 3) * 50 + (i / 3) * 14)
                     .arg(236 + (i / 3) * 44);
        }
    } else {
        s += QStringLiteral("<path d='M128 292h144' stroke='$A' stroke-width='10'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='226' cy='190' r='9' fill='$A'/>");
    }
    return s;
}

QString blouse(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M160 100l-46 12-44 70 34 22 30-42 8 138h116l8-138 30 42 34-22-44-70-46-12q-40 "
        "24-80 0z' fill='$C'/>"
        "<path d='M70 182l34 22M330 182l-34 22' stroke='$D' stroke-width='8'/>"
        "<path d='M142 294h116' stroke='$D' stroke-width='6'/>");
    s += v.option(0)
        ? QStringLiteral("<path d='M200 116l-30-16v32zM200 116l30-16v32z' fill='$A'/>"
                         "<path d='M194 120l-10 46M206 120l10 46' stroke='$A' stroke-width='6'/>"
                         "<circle cx='200' cy='116' r='7' fill='$A'/>")
        : QStringLiteral("<path d='M160 100q40 40 80 0' fill='none' stroke='$L' "
                         "stroke-width='10'/>"
                         "<path d='M200 130v150' stroke='$L' stroke-width='6' "
                         "stroke-linecap='round' stroke-dasharray='1 24'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M150 180h100M148 220h104M146 260h108' stroke='$L' "
                            "stroke-opacity='.5' stroke-width='5' stroke-dasharray='2 12'/>");
    }
    return s;
}

QString leggings(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M150 84h100l6 224h-40l-16-170-16 170h-40z' fill='$C'/>"
                       "<rect x='148' y='80' width='104' height='24' rx='4' fill='$D'/>"
                       "<path d='M176 130q24 10 48 0' fill='none' stroke='$D' stroke-width='3'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M153 108l-7 196M247 108l7 196' stroke='$A' "
                            "stroke-width='7'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M146 298h36M218 298h36' stroke='$D' stroke-width='8'/>");
    }
    return s;
}

QString skirt(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M150 112h100l64 190H86z' fill='$C'/>"
        "<rect x='146' y='100' width='108' height='22' rx='4' fill='$D'/>"
        "<path d='M172 122l-30 178M200 122v178M228 122l30 178' stroke='$D' stroke-opacity='.5' "
        "stroke-width='4'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M92 286h216' stroke='$A' stroke-width='10'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='236' cy='111' r='6' fill='$A'/>");
    }
    return s;
}

QString cardigan(const Variant &v)
{
    QString s = longSleeveTop(304)
        + QStringLiteral(
                    "<path d='M160 98l40 66 40-66q-40 16-80 0z' fill='#f4f1e8'/>"
                    "<path d='M158 96l42 68v140M242 96l-42 68' fill='none' stroke='$D' "
                    "stroke-width='8'/>"
                    "<path d='M210 178v116' stroke='$A' stroke-width='9' stroke-linecap='round' "
                    "stroke-dasharray='1 26'/>"
                    "<path d='M126 296h148M60 292h36M304 292h36' stroke='$D' stroke-width='14' "
                    "stroke-dasharray='4 3'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='138' y='236' width='40' height='36' rx='4' fill='$D'/>"
                            "<rect x='222' y='236' width='40' height='36' rx='4' fill='$D'/>");
    }
    return s;
}

QString coat(const Variant &v)
{
    QString s = longSleeveTop(318)
        + QStringLiteral("<path d='M156 96q44 20 88 0l-4-16q-40 14-80 0z' fill='$D'/>"
                         "<path d='M156 96l32 64-16 12-26-70zM244 96l-32 64 16 12 26-70z' "
                         "fill='$D'/>"
                         "<path d='M200 170v148' stroke='$D' stroke-width='3'/>"
                         "<path d='M60 290h36M304 290h36' stroke='$D' stroke-width='12'/>");
    s += v.option(0) ? QStringLiteral("<rect x='126' y='208' width='148' height='16' fill='$D'/>"
                                      "<rect x='188' y='204' width='24' height='24' rx='3' "
                                      "fill='none' stroke='$A' stroke-width='5'/>")
                     : QStringLiteral("<path d='M180 188v110M220 188v110' stroke='$A' "
                                      "stroke-width='10' stroke-linecap='round' "
                                      "stroke-dasharray='1 36'/>");
    return s;
}

QString scarf(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M232 110l-10 160h54l-12-170z' fill='$D'/>"
                       "<path d='M128 90q72 64 144 0' fill='none' stroke='$C' stroke-width='42' "
                       "stroke-linecap='round'/>"
                       "<path d='M150 110l-18 176h58l4-150z' fill='$C'/>"
                       "<path d='M134 292h56M224 276h52' stroke='$C' stroke-width='16' "
                       "stroke-dasharray='3 4'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M138 250h54M136 266h54M226 236h50M224 252h52' stroke='$A' "
                            "stroke-width='7'/>");
    } else {
        s += QStringLiteral("<path d='M150 140l30 100M142 180l24 80' stroke='$L' "
                            "stroke-width='6' stroke-opacity='.6'/>");
    }
    return s;
}

QString handbag(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M148 178q0-76 52-76t52 76' fill='none' stroke='$D' stroke-width='12'/>"
        "<path d='M96 172h208l24 136H72z' fill='$C'/>"
        "<path d='M84 294h232' stroke='$D' stroke-width='3' stroke-dasharray='6 5'/>");
    s += v.option(0) ? QStringLiteral("<path d='M96 172h208l-10 62q-94 24-188 0z' fill='$D'/>"
                                      "<rect x='186' y='228' width='28' height='18' rx='4' "
                                      "fill='#d4b25a'/>")
                     : QStringLiteral("<path d='M100 186h200' stroke='#2b2d31' stroke-width='4' "
                                      "stroke-dasharray='4 2'/>"
                                      "<path d='M270 186v40' stroke='#d4b25a' stroke-width='4'/>"
                                      "<circle cx='270' cy='232' r='8' fill='$A'/>");
    return s;
}

QString sunglasses(const Variant &v)
{
    QString s = QStringLiteral("<path d='M66 214l-18-12M334 214l18-12' stroke='$C' "
                               "stroke-width='9' stroke-linecap='round'/>");
    if (v.option(0)) { // round
        s += QStringLiteral("<circle cx='140' cy='236' r='54' fill='#22252b' stroke='$C' "
                            "stroke-width='10'/><circle cx='260' cy='236' r='54' "
                            "fill='#22252b' stroke='$C' stroke-width='10'/>");
    } else {
        s += QStringLiteral("<path d='M76 206h120q4 44-16 70-24 22-62 10-40-18-42-80z' "
                            "fill='#22252b' stroke='$C' stroke-width='10' "
                            "stroke-linejoin='round'/>"
                            "<path d='M324 206H204q-4 44 16 70 24 22 62 10 40-18 42-80z' "
                            "fill='#22252b' stroke='$C' stroke-width='10' "
                            "stroke-linejoin='round'/>");
    }
    s += QStringLiteral("<path d='M186 218q14-14 28 0' fill='none' stroke='$C' stroke-width='9'/>"
                        "<path d='M108 220l30-14M228 220l30-14' stroke='#fff' stroke-opacity='.35' "
                        "stroke-width='8' stroke-linecap='round'/>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M84 236q56 60 112 0M204 236q56 60 112 0' fill='none' "
                            "stroke='$A' stroke-opacity='.5' stroke-width='6'/>");
    }
    return s;
}

QString pajamas(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M236 128h104l12 182h-48l-16-124-16 124h-48z' fill='$C'/>"
        "<rect x='234' y='120' width='108' height='18' rx='4' fill='$D'/>"
        "<path d='M96 100l-34 12-30 44 26 16 16-16v118h112V156l16 16 26-16-30-44-34-12q-34 20-68 "
        "0z' fill='$C'/>"
        "<path d='M96 100l34 26 34-26' fill='none' stroke='$L' stroke-width='8'/>"
        "<path d='M130 126v148' stroke='$A' stroke-width='4'/>"
        "<path d='M138 150v110' stroke='$L' stroke-width='7' stroke-linecap='round' "
        "stroke-dasharray='1 26'/>"
        "<path d='M74 274h112M222 302h48M290 302h48' stroke='$A' stroke-width='5'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M84 160h34M84 196h34M84 232h34M250 160h76M250 184h76' "
                            "stroke='$L' stroke-width='7' stroke-linecap='round' "
                            "stroke-dasharray='1 16'/>");
    }
    return s;
}

// ---- Shoes

QString runningShoe(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M78 252q6-62 40-68l58-6q24 36 64 42l62 12q30 8 26 30v8H78z' "
        "fill='$C'/>"
        "<path d='M70 268h262q2 24-22 26H86q-18-2-16-26z' fill='#f4f4f2' stroke='$D' "
        "stroke-width='3'/>"
        "<rect x='78' y='196' width='22' height='40' rx='8' fill='$D'/>");
    const int laces = v.count(3, 5);
    for (int i = 0; i < laces; ++i) {
        s += QStringLiteral("<path d='M%1 %2l18 6' stroke='$L' stroke-width='5' "
                            "stroke-linecap='round'/>")
                 .arg(160 + i * 14)
                 .arg(188 + i * 8);
    }
    s += v.option(0) ? QStringLiteral("<path d='M140 248q76 6 150-12' fill='none' "
                                      "stroke='$A' stroke-width='11' "
                                      "stroke-linecap='round'/>")
                     : QStringLiteral("<path d='M120 256h60M200 258h50' stroke='$A' "
                                      "stroke-width='8' stroke-linecap='round'/>");
    return s;
}

QString hikingBoot(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M96 266V132q0-14 14-14h70q12 0 12 14v66q40 8 80 20l36 14q22 10 22 34z' "
        "fill='$C'/>"
        "<path d='M96 132q0-14 14-14h70q12 0 12 14v12H96z' fill='$D'/>"
        "<path d='M268 226l40 10q22 10 22 30h-70q-6-22 8-40z' fill='$D'/>"
        "<path d='M96 126q-16 0-16 16' fill='none' stroke='$A' stroke-width='6'/>"
        "<path d='M180 150l28 6M180 170l28 6M184 190l28 6' stroke='$A' stroke-width='5' "
        "stroke-linecap='round'/>"
        "<path d='M196 148v60' stroke='#b8bec6' stroke-width='7' stroke-linecap='round' "
        "stroke-dasharray='1 20'/>"
        "<path d='M86 264h256q4 26-20 34H100q-16-2-14-34z' fill='#3b3b3f'/>"
        "<path d='M102 298h210' stroke='#2b2d31' stroke-width='10' stroke-dasharray='14 8'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M100 230h90' stroke='$L' stroke-width='6'/>");
    }
    return s;
}

QString sneaker(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M82 262q0-54 30-64l60-10q20 28 56 36l70 12q30 8 30 26z' fill='$C'/>"
        "<path d='M284 232q54 4 54 30h-62q-4-18 8-30z' fill='#f4f4f2'/>"
        "<path d='M176 198l22 6M192 206l22 6M208 214l22 6' stroke='#f4f4f2' stroke-width='6' "
        "stroke-linecap='round'/>"
        "<path d='M74 258h262q6 0 6 8v16q0 14-14 14H88q-14 0-14-14z' fill='#f4f4f2' "
        "stroke='$D' stroke-width='3'/>"
        "<path d='M76 272h266' stroke='$A' stroke-width='5'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='118' cy='228' r='15' fill='#f4f4f2'/><circle cx='118' "
                            "cy='228' r='7' fill='$A'/>");
    }
    return s;
}

QString sandal(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M72 294h272v8q0 10-16 10H88q-16 0-16-10z' fill='#6b5a45'/>"
        "<path d='M70 286q0-14 16-14h230q30 0 30 14v8H70z' fill='#d8c29d'/>"
        "<path d='M222 280q38-76 88 0h-22q-28-46-46 0z' fill='$C'/>"
        "<path d='M150 280q18-88 72-76l-4 20q-38-8-48 56z' fill='$C'/>"
        "<path d='M88 280q-6-78 50-86l4 20q-40 10-34 66z' fill='$C'/>"
        "<rect x='130' y='190' width='18' height='22' rx='3' fill='none' stroke='#d4b25a' "
        "stroke-width='5'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M236 252q30-20 56 0' fill='none' stroke='$A' "
                            "stroke-width='5'/>");
    }
    return s;
}

QString loafer(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M80 272q0-44 30-54l70-8q60 0 100 16l40 16q24 12 24 30z' fill='$C'/>"
        "<path d='M104 222q48-20 104-8q-44 18-104 8z' fill='$D'/>"
        "<path d='M212 214q44-2 76 24' fill='none' stroke='$D' stroke-width='4' "
        "stroke-dasharray='5 4'/>"
        "<path d='M192 232q40-10 72 8' fill='none' stroke='$D' stroke-width='12'/>"
        "<path d='M72 270h282q4 20-16 22H88q-16 0-16-22z' fill='#3b2a1a'/>"
        "<rect x='78' y='284' width='56' height='20' rx='3' fill='#2b2d31'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M228 236v26M240 236v22' stroke='$A' stroke-width='5' "
                            "stroke-linecap='round'/><circle cx='228' cy='264' r='6' "
                            "fill='$A'/><circle cx='240' cy='260' r='6' fill='$A'/>");
    } else {
        s += QStringLiteral("<rect x='218' y='232' width='20' height='6' rx='3' fill='$A'/>");
    }
    return s;
}

QString workBoot(const Variant &v)
{
    QString s =
        QStringLiteral(
            "<rect x='100' y='96' width='16' height='24' rx='4' fill='$D'/>"
            "<path d='M100 268V124q0-12 12-12h76q12 0 12 12v84q50 6 90 18 36 12 40 42z' "
            "fill='$C'/>"
            "<path d='M100 124q0-12 12-12h76q12 0 12 12v12H100z' fill='$D'/>"
            "<path d='M236 224q44-10 86 34' fill='none' stroke='$D' stroke-width='4' "
            "stroke-dasharray='6 4'/>"
            "<path d='M186 136l26 10M186 156l26 10M186 176l26 10M186 196l26 10' stroke='#c9a66b' "
            "stroke-width='5' stroke-linecap='round'/>"
            "<path d='M198 132v76' stroke='#d4b25a' stroke-width='7' stroke-linecap='round' "
            "stroke-dasharray='1 19'/>"
            "<path d='M92 266h248q10 0 10 14v12q0 10-10 10H92z' fill='%1'/>"
            "<path d='M92 268h256' stroke='#3b2a1a' stroke-width='4'/>")
            .arg(v.option(0) ? QStringLiteral("#e8d9b8") : QStringLiteral("#3b3b3f"));
    return s;
}

QString slipper(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M70 292q0-18 18-18h230q36 0 36 18t-36 18H88q-18 0-18-18z' fill='#d9d2c5'/>"
        "<path d='M70 300q0 10 18 10h230q36 0 36-12' fill='none' stroke='#b5ab98' "
        "stroke-width='5'/>"
        "<path d='M166 280q0-76 84-76 62 0 92 42 18 34-10 34z' fill='$C'/>"
        "<path d='M172 278q2-66 76-70' fill='none' stroke='$L' stroke-width='20' "
        "stroke-linecap='round'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='252' cy='206' r='16' fill='$A'/>");
    } else {
        s += QStringLiteral("<path d='M230 246h80' stroke='$A' stroke-width='6' "
                            "stroke-linecap='round' stroke-dasharray='1 14'/>");
    }
    return s;
}

QString dressShoe(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M84 278h52l-4 26H88z' fill='#2b2d31'/>"
        "<path d='M78 268q0-42 26-52l80-12q40 2 74 10l60 18q44 14 44 36z' fill='$C'/>"
        "<path d='M266 220q-12 22-4 48' fill='none' stroke='$D' stroke-width='4'/>"
        "<path d='M184 208l26 8M190 220l26 8' stroke='$D' stroke-width='4' "
        "stroke-linecap='round'/>"
        "<path d='M282 238q22 4 40 16' stroke='#fff' stroke-opacity='.35' stroke-width='6' "
        "stroke-linecap='round'/>"
        "<path d='M72 268h298q2 10-12 12H86q-14 0-14-12z' fill='#2b2d31'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M270 226q20-6 42 6' fill='none' stroke='$D' "
                            "stroke-width='3' stroke-dasharray='2 4'/>");
    }
    return s;
}

QString trailShoe(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M78 256q6-62 40-68l58-6q24 36 64 42l62 12q30 8 26 30v8H78z' fill='$C'/>"
        "<path d='M268 232l36 6q30 8 24 30h-64q-8-20 4-36z' fill='$D'/>"
        "<rect x='78' y='198' width='22' height='42' rx='8' fill='$D'/>"
        "<path d='M160 190l18 6M174 198l18 6M188 206l18 6M202 214l18 6' stroke='$L' "
        "stroke-width='5' stroke-linecap='round'/>"
        "<path d='M70 270h262q2 22-22 24H86q-18-2-16-24z' fill='#3b3b3f'/>"
        "<path d='M88 296h230' stroke='#2b2d31' stroke-width='10' stroke-dasharray='10 7'/>"
        "<path d='M120 262q80 6 160-10' fill='none' stroke='$A' stroke-width='9' "
        "stroke-linecap='round'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M100 224l50-12' stroke='$L' stroke-width='6' "
                            "stroke-linecap='round'/>");
    }
    return s;
}

QString rainBoot(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M112 300V96q0-12 12-12h100q12 0 12 12v140q50 6 80 24 20 14 20 40z' "
        "fill='$C'/>"
        "<rect x='108' y='80' width='132' height='22' rx='6' fill='$D'/>"
        "<path d='M236 104q20 0 20 22' fill='none' stroke='$D' stroke-width='8'/>"
        "<path d='M132 116v150' stroke='#fff' stroke-opacity='.3' stroke-width='12' "
        "stroke-linecap='round'/>"
        "<path d='M104 296h240q2 18-14 18H118q-14 0-14-18z' fill='#2b2d31'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M158 140h70M148 190h80M158 240h110' stroke='$A' "
                            "stroke-width='14' stroke-linecap='round' stroke-dasharray='1 30'/>");
    }
    return s;
}

// ---- Beauty

QString hairDryer(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M258 296q10 24 44 24h40' fill='none' stroke='#2b2d31' stroke-width='6'/>"
        "<rect x='206' y='170' width='48' height='130' rx='18' fill='$C' "
        "transform='rotate(16 230 170)'/>"
        "<rect x='218' y='208' width='14' height='32' rx='5' fill='$A' "
        "transform='rotate(16 230 170)'/>"
        "<path d='M100 124l-40 8v44l40 8z' fill='$D'/>"
        "<rect x='92' y='112' width='196' height='84' rx='42' fill='$C'/>"
        "<circle cx='272' cy='154' r='58' fill='$C'/>"
        "<circle cx='272' cy='154' r='40' fill='$D'/>"
        "<circle cx='272' cy='154' r='30' fill='none' stroke='$L' stroke-width='5' "
        "stroke-dasharray='3 6'/><circle cx='272' cy='154' r='10' fill='$L'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M54 140H40M54 154H34M54 168H40' stroke='$A' "
                            "stroke-width='5' stroke-linecap='round'/>");
    }
    return s;
}

QString toothbrush(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='140' y='270' width='120' height='38' rx='16' fill='$D'/>"
                       "<path d='M186 126l6-62h16l6 62z' fill='#f4f4f2'/>"
                       "<rect x='188' y='36' width='24' height='42' rx='10' fill='#f4f4f2'/>"
                       "<rect x='174' y='42' width='16' height='30' rx='3' fill='$A'/>"
                       "<rect x='172' y='116' width='56' height='170' rx='26' fill='$C'/>"
                       "<circle cx='200' cy='178' r='13' fill='$L'/>"
                       "<path d='M200 208v40' stroke='$A' stroke-width='5' stroke-linecap='round' "
                       "stroke-dasharray='1 12'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M180 130v140' stroke='#fff' stroke-opacity='.3' "
                            "stroke-width='8' stroke-linecap='round'/>");
    }
    return s;
}

QString shaver(const Variant &v)
{
    QString s = QStringLiteral("<path d='M154 168h92l-14 134q-32 12-64 0z' fill='$C'/>");
    s += v.option(0)
        ? QStringLiteral("<rect x='138' y='104' width='124' height='74' rx='14' fill='$D'/>"
                         "<rect x='148' y='90' width='104' height='24' rx='11' fill='#c4c8cc'/>"
                         "<path d='M156 102h88' stroke='#8a939c' stroke-width='14' "
                         "stroke-dasharray='2 4'/>")
        : QStringLiteral("<rect x='124' y='92' width='152' height='92' rx='36' fill='$D'/>"
                         "<circle cx='164' cy='126' r='23' fill='#c4c8cc'/><circle cx='236' "
                         "cy='126' r='23' fill='#c4c8cc'/><circle cx='200' cy='160' r='23' "
                         "fill='#c4c8cc'/>"
                         "<path d='M164 126m-12 0a12 12 0 1 0 24 0a12 12 0 1 0-24 0M236 126m-12 "
                         "0a12 12 0 1 0 24 0a12 12 0 1 0-24 0M200 160m-12 0a12 12 0 1 0 24 "
                         "0a12 12 0 1 0-24 0' fill='none' stroke='#8a939c' stroke-width='4'/>");
    s += QStringLiteral("<circle cx='200' cy='222' r='11' fill='$A'/>"
                        "<path d='M184 264h32' stroke='$D' stroke-width='8' "
                        "stroke-dasharray='2 6'/>");
    return s;
}

QString hairStraightener(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M200 310q0 14 30 14h70' fill='none' stroke='#2b2d31' stroke-width='6'/>"
        "<g transform='rotate(-9 200 300)'><rect x='166' y='66' width='36' height='240' "
        "rx='14' fill='$C'/><rect x='194' y='76' width='10' height='136' rx='3' "
        "fill='#d0d4d8'/><rect x='174' y='238' width='14' height='26' rx='4' fill='$A'/></g>"
        "<g transform='rotate(9 200 300)'><rect x='198' y='66' width='36' height='240' rx='14' "
        "fill='$C'/><rect x='196' y='76' width='10' height='136' rx='3' fill='#d0d4d8'/></g>"
        "<circle cx='200' cy='296' r='16' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M170 90q-10-20 0-40M236 90q10-20 0-40' fill='none' "
                            "stroke='$A' stroke-width='5' stroke-linecap='round'/>");
    }
    return s;
}

QString makeupBrushes(const Variant &v)
{
    static const int angles[] = {-20, -7, 6, 19};
    static const char *const heads[] = {"$L", "#e8d6c6", "$D", "#e8d6c6"};
    QString s;
    for (int i = 0; i < 4; ++i) {
        const int top = 70 + (i % 2) * 24;
        s += QStringLiteral("<g transform='rotate(%1 200 300)'>"
                            "<rect x='192' y='%2' width='16' height='180' rx='6' fill='%3'/>"
                            "<rect x='188' y='%4' width='24' height='30' fill='#d4b25a'/>"
                            "<path d='M188 %4q-8-40 12-60 20 20 12 60z' fill='%5'/></g>")
                 .arg(angles[i])
                 .arg(top + 50)
                 .arg(i % 2 ? QStringLiteral("$D") : QStringLiteral("#2b2d31"))
                 .arg(top + 24)
                 .arg(QLatin1String(heads[i]));
    }
    s += QStringLiteral("<path d='M140 208h120l-10 100h-100z' fill='$C'/>"
                        "<rect x='134' y='200' width='132' height='16' rx='6' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M146 254h108' stroke='$A' stroke-width='8'/>");
    }
    return s;
}

QString serum(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='146' y='168' width='108' height='140' rx='20' fill='$C' fill-opacity='.85'/>"
        "<rect x='152' y='212' width='96' height='90' rx='16' fill='$D' fill-opacity='.6'/>"
        "<rect x='194' y='150' width='12' height='130' rx='6' fill='#fff' fill-opacity='.5'/>"
        "<rect x='168' y='136' width='64' height='38' rx='6' fill='#d4b25a'/>"
        "<path d='M178 140v-42q0-24 22-24t22 24v42z' fill='#2b2d31'/>"
        "<rect x='156' y='182' width='10' height='110' rx='5' fill='#fff' fill-opacity='.35'/>");
    if (!v.option(0)) {
        s += QStringLiteral("<rect x='164' y='226' width='72' height='50' rx='4' fill='#fff' "
                            "fill-opacity='.9'/>"
                            "<rect x='174' y='240' width='52' height='8' rx='4' fill='$A'/>"
                            "<rect x='174' y='256' width='34' height='6' rx='3' fill='$D' "
                            "fill-opacity='.6'/>");
    }
    return s;
}

QString creamJar(const Variant &v)
{
    QString s;
    const bool open = v.option(0);
    if (open) { // the lid standing behind
        s += QStringLiteral("<rect x='232' y='120' width='60' height='150' rx='24' fill='$D' "
                            "transform='rotate(14 262 195)'/>");
    }
    s += QStringLiteral(
        "<rect x='104' y='206' width='192' height='102' rx='18' fill='$C'/>"
        "<rect x='104' y='238' width='192' height='40' fill='#fff' fill-opacity='.85'/>"
        "<rect x='146' y='250' width='108' height='8' rx='4' fill='$A'/>"
        "<rect x='168' y='264' width='64' height='6' rx='3' fill='$D' fill-opacity='.6'/>");
    s += open ? QStringLiteral("<ellipse cx='200' cy='208' rx='94' ry='16' fill='#f7f2ea'/>"
                               "<path d='M166 206q34-34 68 0-24-10-34 6-10-16-34-6z' "
                               "fill='#fff'/>")
              : QStringLiteral("<rect x='98' y='164' width='204' height='52' rx='14' "
                               "fill='$D'/>"
                               "<path d='M106 190h188' stroke='$L' stroke-opacity='.4' "
                               "stroke-width='30' stroke-dasharray='2 8'/>");
    return s;
}

QString bottle(const Variant &v)
{
    QString s = QStringLiteral("<rect x='142' y='158' width='116' height='156' rx='24' fill='$C'/>"
                               "<rect x='180' y='132' width='40' height='30' rx='4' fill='$D'/>"
                               "<rect x='160' y='206' width='80' height='62' rx='6' fill='#fff' "
                               "fill-opacity='.88'/>"
                               "<rect x='172' y='222' width='56' height='9' rx='4' fill='$A'/>"
                               "<rect x='172' y='240' width='38' height='7' rx='3' fill='$D' "
                               "fill-opacity='.6'/>");
    s += v.option(0) ? QStringLiteral("<rect x='191' y='100' width='18' height='34' "
                                      "fill='$D'/><path d='M178 94h72v13h-72z' "
                                      "fill='$D'/>")
                     : QStringLiteral("<rect x='176' y='98' width='48' height='38' "
                                      "rx='9' fill='$D'/>");
    if (v.option(1)) {
        s += QStringLiteral("<rect x='152' y='170' width='10' height='130' rx='5' "
                            "fill='$L' fill-opacity='.6'/>");
    }
    return s;
}

QString perfume(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='180' y='144' width='40' height='28' rx='4' fill='#d4b25a'/>"
        "<path d='M126 170h148l12 20v100l-12 20H126l-12-20V190z' fill='$C' "
        "fill-opacity='.85'/>"
        "<path d='M140 190h120v100H140z' fill='$L' fill-opacity='.45'/>"
        "<path d='M136 198v86' stroke='#fff' stroke-opacity='.5' stroke-width='8' "
        "stroke-linecap='round'/>"
        "<rect x='170' y='226' width='60' height='28' rx='3' fill='#fff' fill-opacity='.85'/>"
        "<rect x='180' y='236' width='40' height='8' rx='4' fill='$A'/>");
    s += v.option(0) ? QStringLiteral("<circle cx='200' cy='114' r='34' fill='$D'/>")
                     : QStringLiteral("<rect x='164' y='82' width='72' height='66' rx='8' "
                                      "fill='$D'/>");
    return s;
}

QString nailKit(const Variant &v)
{
    // An open zip case: a nail file, scissors, tweezers and a clipper under an elastic band.
    QString s = QStringLiteral(
        "<rect x='70' y='126' width='260' height='182' rx='22' fill='$C'/>"
        "<rect x='84' y='140' width='232' height='154' rx='12' fill='#f4f1e8'/>"
        "<rect x='104' y='150' width='22' height='136' rx='11' fill='#e0b98a'/>"
        "<path d='M115 160v116' stroke='#b98a52' stroke-width='10' stroke-dasharray='2 4'/>"
        "<path d='M158 244l12-96 10 96z' fill='#6b737c'/>"
        "<circle cx='158' cy='262' r='12' fill='none' stroke='$A' stroke-width='7'/>"
        "<circle cx='184' cy='262' r='12' fill='none' stroke='$A' stroke-width='7'/>"
        "<path d='M222 156l-10 124M230 156l10 124' stroke='#6b737c' stroke-width='7' "
        "stroke-linecap='round'/>"
        "<rect x='258' y='160' width='34' height='110' rx='12' fill='#8a939c'/>"
        "<rect x='264' y='168' width='22' height='50' rx='8' fill='#6b737c'/>"
        "<path d='M84 236h232' stroke='$D' stroke-width='16'/>"
        "<rect x='70' y='126' width='260' height='182' rx='22' fill='none' stroke='$D' "
        "stroke-width='5' stroke-dasharray='5 3'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='300' y='150' width='10' height='44' rx='4' fill='$A'/>");
    }
    return s;
}

// ---- Health

QString bloodPressureMonitor(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M136 250q40 50 60 10' fill='none' stroke='#2b2d31' stroke-width='6'/>"
        "<rect x='52' y='166' width='104' height='126' rx='40' fill='$D'/>"
        "<path d='M72 186h64M72 206h64' stroke='$L' stroke-width='5' stroke-dasharray='6 4'/>"
        "<rect x='166' y='116' width='172' height='186' rx='24' fill='$C'/>"
        "<rect x='184' y='136' width='136' height='102' rx='8' fill='#cfe0d0'/>"
        "<path d='M194 190h116' stroke='#2b2d31' stroke-opacity='.25' stroke-width='2'/>"
        "<circle cx='252' cy='270' r='16' fill='$A'/>");
    s += label(252, 180, 36, QStringLiteral("#2b2d31"), QStringLiteral("120"))
        + label(252, 226, 28, QStringLiteral("#2b2d31"),
                v.option(0) ? QStringLiteral("80") : QStringLiteral("78"));
    if (v.option(1)) {
        s += QStringLiteral("<path d='M300 150l6-6 6 6-6 8z' fill='#e5533d'/>");
    }
    return s;
}

QString thermometer(const Variant &v)
{
    QString s =
        QStringLiteral("<g transform='rotate(-24 200 200)'>"
                       "<path d='M286 190h52q12 0 12 12t-12 12h-52z' fill='#c4c8cc'/>"
                       "<rect x='54' y='176' width='240' height='52' rx='26' fill='$C'/>"
                       "<rect x='132' y='184' width='100' height='36' rx='6' fill='#cfe0d0'/>"
                       "<circle cx='88' cy='202' r='12' fill='$A'/>");
    s += label(182, 212, 24, QStringLiteral("#2b2d31"),
               v.option(0) ? QStringLiteral("36.6") : QStringLiteral("37.2"));
    return s + QStringLiteral("</g>");
}

QString firstAidKit(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M164 160v-26h72v26' fill='none' stroke='$D' stroke-width='13'/>"
                       "<rect x='96' y='158' width='208' height='146' rx='18' fill='$C'/>"
                       "<rect x='96' y='196' width='208' height='8' fill='$D' fill-opacity='.4'/>"
                       "<path d='M184 214h32v26h26v32h-26v26h-32v-26h-26v-32h26z' fill='#fff'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='120' y='186' width='16' height='26' rx='3' fill='$A'/>"
                            "<rect x='264' y='186' width='16' height='26' rx='3' fill='$A'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<circle cx='284' cy='150' r='16' fill='$A'/>");
    }
    return s;
}

QString massageGun(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='176' y='168' width='54' height='112' rx='16' fill='$D'/>"
                       "<path d='M190 190v70M216 190v70' stroke='$C' stroke-width='5' "
                       "stroke-dasharray='4 4'/>"
                       "<rect x='160' y='268' width='88' height='40' rx='12' fill='$C'/>"
                       "<path d='M180 288h48' stroke='$A' stroke-width='6' stroke-dasharray='8 4'/>"
                       "<rect x='84' y='136' width='40' height='20' fill='#6b737c'/>"
                       "<circle cx='74' cy='146' r='30' fill='#2b2d31'/>"
                       "<rect x='110' y='110' width='212' height='72' rx='36' fill='$C'/>"
                       "<path d='M262 128v36M278 128v36M294 128v36' stroke='$D' stroke-width='5' "
                       "stroke-linecap='round'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='150' cy='146' r='9' fill='$A'/>");
    }
    return s;
}

QString heatingPad(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M110 130q-10-14 0-28t0-28M170 130q-10-14 0-28t0-28M230 130q-10-14 0-28t0-28' "
        "fill='none' stroke='$A' stroke-width='6' stroke-linecap='round'/>"
        "<path d='M288 250q30 0 32 26' fill='none' stroke='#2b2d31' stroke-width='6'/>"
        "<rect x='48' y='150' width='240' height='152' rx='24' fill='$C'/>"
        "<path d='M96 154v144M144 154v144M192 154v144M240 154v144' stroke='$D' "
        "stroke-width='5'/>"
        "<rect x='298' y='270' width='46' height='56' rx='12' fill='#f4f4f2'/>"
        "<circle cx='321' cy='288' r='7' fill='$A'/>"
        "<rect x='311' y='304' width='20' height='6' rx='3' fill='#9aa3ad'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='48' y='150' width='240' height='152' rx='24' fill='none' "
                            "stroke='$L' stroke-width='6'/>");
    }
    return s;
}

QString pillOrganizer(const Variant &v)
{
    const int open = v.count(0, 6);
    const int x = 56 + open * 42;
    QString s = QStringLiteral(
        "<rect x='44' y='196' width='312' height='90' rx='12' fill='$D'/>"
        "<path d='M56 241h288' stroke='$C' stroke-width='72' stroke-dasharray='36 6'/>"
        "<path d='M74 214h266' stroke='$L' stroke-width='6' stroke-linecap='round' "
        "stroke-dasharray='1 41'/>");
    s += QStringLiteral("<rect x='%1' y='206' width='36' height='70' rx='4' fill='#f4f4f2'/>"
                        "<rect x='%1' y='140' width='36' height='62' rx='4' fill='$C' "
                        "fill-opacity='.85'/>"
                        "<ellipse cx='%2' cy='262' rx='9' ry='6' fill='$A'/>"
                        "<circle cx='%3' cy='250' r='7' fill='#e5533d'/>"
                        "<ellipse cx='%4' cy='264' rx='6' ry='9' fill='#5aa9e6'/>")
             .arg(x)
             .arg(x + 12)
             .arg(x + 24)
             .arg(x + 26);
    return s;
}

QString bathroomScale(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='80' y='170' width='240' height='140' rx='28' fill='$D'/>"
        "<rect x='80' y='150' width='240' height='148' rx='28' fill='$C'/>"
        "<rect x='94' y='164' width='212' height='120' rx='20' fill='#fff' fill-opacity='.15'/>"
        "<rect x='156' y='174' width='88' height='36' rx='6' fill='#1d1f24'/>"
        "<rect x='108' y='226' width='64' height='50' rx='14' fill='$L' fill-opacity='.7'/>"
        "<rect x='228' y='226' width='64' height='50' rx='14' fill='$L' fill-opacity='.7'/>");
    s += label(200, 200, 22, QStringLiteral("$A"),
               v.option(0) ? QStringLiteral("72.4") : QStringLiteral("68.0"));
    return s;
}

QString humidifier(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M196 104q-32-8-24-34 10-22 32-10 10-24 34-10 20 14 4 36-20 18-46 18z' "
        "fill='#fff' fill-opacity='.8'/>"
        "<rect x='184' y='100' width='32' height='26' rx='8' fill='$D'/>"
        "<path d='M200 118c60 0 96 70 96 120 0 40-30 68-96 68s-96-28-96-68c0-50 36-120 "
        "96-120z' fill='$C'/>"
        "<path d='M150 192h100v70q0 20-20 20h-60q-20 0-20-20z' fill='#7fc3e8' "
        "fill-opacity='.85'/>"
        "<path d='M150 214h100' stroke='#fff' stroke-opacity='.6' stroke-width='3'/>"
        "<circle cx='200' cy='162' r='9' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M124 288q76 26 152 0' fill='none' stroke='$A' "
                            "stroke-width='7'/>");
    }
    return s;
}

QString airPurifier(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='130' y='70' width='140' height='236' rx='26' fill='$C'/>"
        "<rect x='146' y='80' width='108' height='28' rx='10' fill='$D'/>"
        "<path d='M156 94h88' stroke='$C' stroke-width='14' stroke-dasharray='4 4'/>"
        "<path d='M156 140h88M156 160h88M156 180h88M156 200h88M156 220h88M156 240h88' "
        "stroke='$D' stroke-width='8' stroke-linecap='round' stroke-dasharray='1 14'/>"
        "<circle cx='200' cy='278' r='11' fill='none' stroke='$A' stroke-width='5'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M164 62q10-18 0-34M200 62q10-18 0-34M236 62q10-18 0-34' "
                            "fill='none' stroke='$A' stroke-width='5' stroke-linecap='round' "
                            "stroke-opacity='.7'/>");
    }
    return s;
}

QString kneeBrace(const Variant &v)
{
    // A sleeve shaped like a bent knee: thigh above, calf below, the open kneecap ring, side
    // hinges and two straps.
    QString s = QStringLiteral(
        "<path d='M128 64h132l-6 96q-2 30 14 56l-12 100H148l-10-96q-12-26-10-60z' fill='$C'/>"
        "<path d='M136 134q64 14 128 0M144 266q56 12 112 0' fill='none' stroke='$D' "
        "stroke-opacity='.4' stroke-width='4'/>"
        "<rect x='124' y='142' width='16' height='118' rx='8' fill='#9aa3ad'/>"
        "<rect x='258' y='142' width='16' height='118' rx='8' fill='#9aa3ad'/>"
        "<circle cx='132' cy='200' r='7' fill='#6b737c'/><circle cx='266' cy='200' r='7' "
        "fill='#6b737c'/>"
        "<ellipse cx='200' cy='198' rx='40' ry='46' fill='$D'/>"
        "<ellipse cx='200' cy='198' rx='22' ry='28' fill='#f1c7a5'/>"
        "<path d='M124 102h148M132 292h132' stroke='$A' stroke-width='20'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M236 102h26M232 292h24' stroke='$D' stroke-width='20'/>");
    }
    return s;
}

// ---- Automotive

QString carCharger(const Variant &v)
{
    // A socket plug: the head with two USB ports and a light ring, the body that goes into the
    // socket, with its side springs and tip; usually a cable plugged in.
    QString s =
        QStringLiteral("<path d='M158 178h84l-8 96h-68z' fill='$D'/>"
                       "<rect x='150' y='224' width='12' height='26' rx='4' fill='#c4c8cc'/>"
                       "<rect x='238' y='224' width='12' height='26' rx='4' fill='#c4c8cc'/>"
                       "<path d='M176 272h48l-6 24h-36z' fill='#c4c8cc'/>"
                       "<rect x='192' y='294' width='16' height='14' rx='4' fill='#8a939c'/>"
                       "<ellipse cx='200' cy='170' rx='72' ry='16' fill='$A'/>"
                       "<rect x='128' y='92' width='144' height='80' rx='28' fill='$C'/>"
                       "<rect x='156' y='112' width='36' height='40' rx='8' fill='$D'/>"
                       "<rect x='208' y='112' width='36' height='40' rx='8' fill='$D'/>"
                       "<rect x='168' y='120' width='12' height='24' rx='2' fill='#1d1f24'/>"
                       "<rect x='220' y='120' width='12' height='24' rx='2' fill='#1d1f24'/>");
    if (!v.option(0)) {
        s += QStringLiteral("<rect x='164' y='92' width='20' height='34' rx='4' fill='#2b2d31'/>"
                            "<path d='M174 94q0-50 60-58t90 36' fill='none' stroke='#2b2d31' "
                            "stroke-width='8' stroke-linecap='round'/>");
    }
    return s;
}

QString dashCam(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='150' y='70' width='100' height='20' rx='6' fill='#2b2d31'/>"
        "<path d='M200 90v32' stroke='#2b2d31' stroke-width='14'/>"
        "<rect x='110' y='118' width='180' height='110' rx='22' fill='$C'/>"
        "<circle cx='200' cy='173' r='40' fill='$D'/><circle cx='200' cy='173' r='27' "
        "fill='#1d1f24'/><circle cx='200' cy='173' r='13' fill='#35507a'/>"
        "<circle cx='194' cy='167' r='5' fill='#fff' fill-opacity='.6'/>"
        "<circle cx='264' cy='140' r='6' fill='#e5533d'/>"
        "<path d='M130 210h30' stroke='$L' stroke-width='5' stroke-linecap='round' "
        "stroke-dasharray='1 9'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M290 196q44 0 44 50t-34 62' fill='none' stroke='#2b2d31' "
                            "stroke-width='6'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<rect x='236' y='208' width='40' height='8' rx='4' fill='$A'/>");
    }
    return s;
}

QString phoneMount(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M138 308q0-32 62-32t62 32z' fill='#2b2d31'/>"
        "<path d='M200 282v-64' stroke='$D' stroke-width='16' stroke-linecap='round'/>"
        "<circle cx='200' cy='214' r='15' fill='$D'/>"
        "<rect x='142' y='54' width='116' height='204' rx='18' fill='#22252b'/>"
        "<rect x='150' y='64' width='100' height='184' rx='10' fill='#4a5a70'/>"
        "<path d='M172 228q10-60 40-72t18-62' fill='none' stroke='$A' stroke-width='6' "
        "stroke-linecap='round'/><circle cx='230' cy='94' r='8' fill='$A'/>"
        "<rect x='126' y='126' width='24' height='76' rx='8' fill='$C'/>"
        "<rect x='250' y='126' width='24' height='76' rx='8' fill='$C'/>"
        "<rect x='150' y='246' width='100' height='18' rx='6' fill='$C'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M160 292h80' stroke='$A' stroke-width='6'/>");
    }
    return s;
}

QString seatCover(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M232 106v18M258 106v18' stroke='#8a939c' stroke-width='6'/>"
                       "<rect x='212' y='56' width='68' height='54' rx='20' fill='$C'/>"
                       "<path d='M120 306h150' stroke='#444' stroke-width='8'/>"
                       "<path d='M204 124q0-10 10-10h70q14 0 12 14l-20 162h-88z' fill='$C'/>"
                       "<path d='M92 252q0-20 20-20h156q20 0 20 20v36q0 16-16 16H108q-16 0-16-16z' "
                       "fill='$C'/>"
                       "<path d='M226 140l-12 140M262 140l-10 140M120 252h150' stroke='$D' "
                       "stroke-width='4'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M212 132l-16 150M100 272h180' stroke='$A' "
                            "stroke-width='8'/>");
    }
    return s;
}

QString floorMat(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M80 300l40-170h150l40 40 20 130z' fill='$C' stroke='$D' stroke-width='10' "
        "stroke-linejoin='round'/>"
        "<path d='M118 262l18-86M150 262l18-86M182 262l18-86M214 262l18-86M246 262l18-86M278 "
        "262l14-64' stroke='$D' stroke-width='7' stroke-linecap='round'/>"
        "<rect x='196' y='268' width='84' height='22' rx='6' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='134' y='146' width='44' height='12' rx='4' fill='$A'/>");
    }
    return s;
}

QString tireInflator(const Variant &v)
{
    QString s = QStringLiteral(
        "<circle cx='128' cy='206' r='98' fill='#2f2f33'/>"
        "<circle cx='128' cy='206' r='92' fill='none' stroke='#1d1d20' stroke-width='8' "
        "stroke-dasharray='10 8'/>"
        "<circle cx='128' cy='206' r='56' fill='#9aa3ad'/>"
        "<path d='M128 152v108M74 206h108' stroke='#6b737c' stroke-width='10'/>"
        "<circle cx='128' cy='206' r='16' fill='#6b737c'/>"
        "<path d='M206 282q-40 14-52-20t-8-60' fill='none' stroke='#2b2d31' stroke-width='6'/>"
        "<path d='M232 196v-22q0-10 10-10h58q10 0 10 10v22' fill='none' stroke='$D' "
        "stroke-width='10'/>"
        "<rect x='204' y='192' width='136' height='114' rx='20' fill='$C'/>"
        "<rect x='222' y='210' width='100' height='48' rx='8' fill='#1d1f24'/>"
        "<path d='M232 284h20M292 284h20' stroke='$L' stroke-width='10' "
        "stroke-linecap='round'/>");
    s += label(272, 244, 26, QStringLiteral("$A"),
               v.option(0) ? QStringLiteral("35") : QStringLiteral("32"));
    return s;
}

QString jumpStarter(const Variant &v)
{
    // A battery pack with charge lights and its red and black clamps.
    QString s = QStringLiteral(
        "<path d='M166 262q-50 6-66 32' fill='none' stroke='#d8432e' stroke-width='7'/>"
        "<path d='M176 284q-36 30-86 24' fill='none' stroke='#2b2d31' stroke-width='7'/>"
        "<rect x='156' y='96' width='156' height='204' rx='26' fill='$C'/>"
        "<path d='M192 130h84' stroke='$A' stroke-width='14' stroke-dasharray='18 4'/>"
        "<path d='M242 162l-32 48h24l-8 38 34-52h-24z' fill='$L'/>"
        "<g transform='translate(30 -2) rotate(-30 70 296)'>"
        "<path d='M70 290h-56l6-12h50zM70 302h-56l6 12h50z' fill='#d8432e'/>"
        "<rect x='64' y='284' width='24' height='24' rx='6' fill='#d8432e'/></g>"
        "<g transform='translate(30 0) rotate(10 62 308)'>"
        "<path d='M62 302h-50l6-12h44zM62 314h-50l6 12h44z' fill='#2b2d31'/>"
        "<rect x='56' y='296' width='24' height='24' rx='6' fill='#2b2d31'/></g>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='292' cy='276' r='8' fill='#fff7d6'/>");
    }
    return s;
}

QString carVacuum(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<path d='M300 224q40 0 40 46t-40 40' fill='none' stroke='#2b2d31' "
                            "stroke-width='6'/>"
                            "<rect x='264' y='296' width='40' height='22' rx='8' fill='#2b2d31'/>");
    }
    s += QStringLiteral(
        "<path d='M184 172v-40q0-14 14-14h70q14 0 14 14v40' fill='none' stroke='$C' "
        "stroke-width='22'/>"
        "<path d='M74 196l-44 10v18l44 8z' fill='$D'/>"
        "<path d='M120 170h150q30 0 30 30v24q0 30-30 30H120z' fill='$C'/>"
        "<rect x='72' y='166' width='66' height='92' rx='12' fill='#dfe9ef' fill-opacity='.9'/>"
        "<rect x='78' y='220' width='54' height='32' rx='8' fill='#9a8a72'/>"
        "<path d='M250 190v40M264 190v40M278 190v40' stroke='$D' stroke-width='5' "
        "stroke-linecap='round'/>"
        "<circle cx='232' cy='122' r='7' fill='$A'/>");
    return s;
}

QString wiperBlade(const Variant &v)
{
    QString s = QStringLiteral("<g transform='rotate(-14 200 200)'>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M200 184L268 64' stroke='#2b2d31' stroke-width='14' "
                            "stroke-linecap='round'/>");
    }
    s += QStringLiteral(
        "<path d='M40 226q160-26 320 0' fill='none' stroke='#2b2d31' stroke-width='9'/>"
        "<path d='M44 214q156-30 312 0v10q-156-28-312 0z' fill='$C'/>"
        "<path d='M64 208q136-26 272 0l-6-18q-130-22-260 0z' fill='$D'/>"
        "<rect x='180' y='176' width='40' height='26' rx='4' fill='#6b737c'/></g>");
    if (v.option(1)) {
        s += QStringLiteral("<path d='M110 290q6 10 0 16-6-6 0-16zM290 276q6 10 0 16-6-6 0-16z' "
                            "fill='$A'/>");
    }
    return s;
}

QString roofRack(const Variant &v)
{
    // A grey car carrying the product: the rack and its load are in the product's colours.
    QString s = QStringLiteral(
        "<g transform='translate(0 22)'>"
        "<path d='M66 254v-28q2-20 26-26l42-6 36-36h88l40 36 22 4q16 6 16 28v28z' "
        "fill='#c4c8cc'/>"
        "<path d='M182 172h30v26h-62zM222 172h28l30 26h-58z' fill='#e8eef2'/>"
        "<circle cx='126' cy='256' r='28' fill='#2f2f33'/><circle cx='126' cy='256' r='11' "
        "fill='#9aa3ad'/>"
        "<circle cx='280' cy='256' r='28' fill='#2f2f33'/><circle cx='280' cy='256' r='11' "
        "fill='#9aa3ad'/>"
        "<path d='M176 158v-14M256 158v-14' stroke='$D' stroke-width='9'/>"
        "<rect x='150' y='134' width='132' height='12' rx='5' fill='$C'/>");
    s += v.option(0) ? QStringLiteral("<path d='M152 134q0-40 46-44h60q26 4 26 44z' fill='$C'/>"
                                      "<path d='M166 118h104' stroke='$D' stroke-width='4'/>")
                     : QStringLiteral("<path d='M100 122q116-34 232 0-116 22-232 0z' "
                                      "fill='$A'/>");
    return s + QStringLiteral("</g>");
}

// ---- Office

QString notebook(const Variant &v)
{
    QString s = QStringLiteral("<rect x='116' y='104' width='164' height='208' rx='10' fill='$C'/>"
                               "<rect x='116' y='104' width='26' height='208' rx='8' fill='$D'/>"
                               "<rect x='164' y='146' width='80' height='34' rx='4' fill='#fff' "
                               "fill-opacity='.88'/>"
                               "<rect x='176' y='158' width='56' height='8' rx='4' fill='$D' "
                               "fill-opacity='.6'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='252' y='104' width='9' height='208' "
                            "fill='$A'/>");
    }
    s += QStringLiteral("<g transform='rotate(%1 300 220)'><rect x='292' y='132' "
                        "width='15' height='134' rx='6' fill='$A'/><path "
                        "d='M292 266h15l-7.5 20z' fill='#333'/><rect x='292' y='132' "
                        "width='15' height='22' rx='5' fill='$D'/></g>")
             .arg(v.option(1) ? 28 : 14);
    return s;
}

QString pens(const Variant &v)
{
    static const char *const bodies[] = {"$D", "$C", "$A"};
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<rect x='96' y='266' width='208' height='44' rx='6' fill='$D'/>");
    }
    for (int i = 0; i < 3; ++i) {
        s += QStringLiteral("<g transform='rotate(%1 200 330)'>"
                            "<rect x='189' y='80' width='22' height='192' rx='10' fill='%2'/>"
                            "<rect x='189' y='80' width='22' height='74' rx='10' fill='#000' "
                            "fill-opacity='.18'/>"
                            "<rect x='207' y='90' width='7' height='56' rx='3' fill='#c4c8cc'/>"
                            "<path d='M191 270h18l-9 24z' fill='#c4c8cc'/></g>")
                 .arg((i - 1) * 22)
                 .arg(QLatin1String(bodies[i]));
    }
    return s;
}

QString deskOrganizer(const Variant &v)
{
    QString s = QStringLiteral(
        "<g transform='rotate(-10 140 220)'><rect x='126' y='90' width='18' height='130' "
        "fill='#f2c84b'/><path d='M126 90l9-22 9 22z' fill='#e8c9a0'/><path d='M132 76l3-8 3 "
        "8z' fill='#2b2d31'/></g>"
        "<g transform='rotate(6 160 220)'><rect x='152' y='110' width='18' height='110' "
        "fill='$A'/><path d='M152 110l9-22 9 22z' fill='#e8c9a0'/></g>"
        "<rect x='214' y='80' width='26' height='140' fill='#f2d24b' "
        "transform='rotate(8 227 220)'/>"
        "<path d='M216 92h8M216 108h12M216 124h8M216 140h12' stroke='#6b5a2a' stroke-width='3' "
        "transform='rotate(8 227 220)'/>"
        "<ellipse cx='278' cy='150' rx='16' ry='12' fill='none' stroke='$A' stroke-width='7'/>"
        "<ellipse cx='300' cy='162' rx='16' ry='12' fill='none' stroke='$A' stroke-width='7'/>"
        "<rect x='90' y='190' width='220' height='118' rx='10' fill='$C'/>"
        "<path d='M174 196v108M244 196v108' stroke='$D' stroke-width='5'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='100' y='250' width='64' height='40' rx='4' fill='#ffd54a'/>");
    }
    return s;
}

QString stapler(const Variant &v)
{
    const int angle = v.option(0) ? -14 : 0;
    QString s =
        QStringLiteral(
            "<rect x='66' y='286' width='272' height='22' rx='10' fill='$D'/>"
            "<rect x='296' y='280' width='40' height='8' rx='2' fill='#b8bec6'/>"
            "<g transform='rotate(%1 96 268)'>"
            "<path d='M300 252h40v14h-40z' fill='#b8bec6'/>"
            "<path d='M74 266q0-56 56-58h170q40 4 40 38v6q0 16-16 16H90q-16 0-16-2z' fill='$C'/>"
            "<path d='M124 226h168' stroke='$L' stroke-opacity='.6' stroke-width='7' "
            "stroke-linecap='round'/></g>"
            "<circle cx='96' cy='270' r='14' fill='#6b737c'/>")
            .arg(angle);
    if (v.option(1)) {
        s += QStringLiteral("<rect x='150' y='290' width='60' height='8' rx='4' fill='$A'/>");
    }
    return s;
}

QString labelMaker(const Variant &v)
{
    QString s =
        QStringLiteral("<rect x='152' y='44' width='96' height='42' fill='#fff'/>"
                       "<rect x='120' y='80' width='160' height='226' rx='30' fill='$C'/>"
                       "<rect x='140' y='104' width='120' height='50' rx='6' fill='#cfe0d0'/>"
                       "<path d='M146 180h108M146 202h108M146 224h108M146 246h108' stroke='$L' "
                       "stroke-width='14' stroke-dasharray='14 4.5'/>"
                       "<rect x='174' y='266' width='52' height='22' rx='10' fill='$A'/>");
    s += label(200, 72, 18, QStringLiteral("#2b2d31"), QStringLiteral("ABC"))
        + label(200, 138, 24, QStringLiteral("#2b2d31"),
                v.option(0) ? QStringLiteral("ABC") : QStringLiteral("HOME"));
    return s;
}

QString printer(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M130 66h140v80H130z' fill='#fff'/>"
        "<path d='M146 84h90M146 100h70' stroke='#c4c8cc' stroke-width='5'/>"
        "<rect x='70' y='130' width='260' height='124' rx='16' fill='$C'/>"
        "<rect x='70' y='130' width='260' height='24' rx='12' fill='$L' fill-opacity='.5'/>"
        "<path d='M92 252h216l22 44H70z' fill='$D'/>"
        "<rect x='108' y='214' width='184' height='12' rx='6' fill='#2b2d31'/>"
        "<path d='M124 222h152l14 62H110z' fill='#fff'/>"
        "<path d='M136 242h100M132 260h124' stroke='#9aa3ad' stroke-width='5'/>"
        "<rect x='258' y='168' width='52' height='28' rx='4' fill='#1d1f24'/>"
        "<circle cx='96' cy='182' r='8' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='150' y='230' width='100' height='40' fill='$A' "
                            "fill-opacity='.6'/>");
    }
    return s;
}

QString shredder(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='140' y='66' width='120' height='84' fill='#fff'/>"
        "<path d='M154 84h80M154 100h60' stroke='#c4c8cc' stroke-width='5'/>"
        "<path d='M100 188h200l-12 120H112z' fill='$C'/>"
        "<rect x='140' y='210' width='120' height='72' rx='8' fill='#dfe9ef' fill-opacity='.9'/>"
        "<path d='M150 276l10-44M166 276l4-48M182 278l12-50M200 278l2-44M216 278l10-48M232 "
        "278l6-46M246 278l2-38' stroke='#9aa3ad' stroke-width='4'/>"
        "<rect x='92' y='138' width='216' height='52' rx='14' fill='$D'/>"
        "<rect x='130' y='146' width='140' height='8' rx='4' fill='#1d1f24'/>"
        "<circle cx='284' cy='172' r='8' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M112 296h176' stroke='$L' stroke-width='6'/>");
    }
    return s;
}

QString whiteboard(const Variant &v)
{
    QString s;
    if (v.option(0)) {
        s += QStringLiteral("<path d='M130 266l-30 44M270 266l30 44M200 266v44' stroke='#6b737c' "
                            "stroke-width='8' stroke-linecap='round'/>");
    }
    s += QStringLiteral(
        "<rect x='60' y='80' width='280' height='190' rx='8' fill='$C'/>"
        "<rect x='72' y='92' width='256' height='166' rx='3' fill='#fbfbf8'/>"
        "<path d='M96 232l40-42 30 20 50-60 40 30' fill='none' stroke='$A' stroke-width='6' "
        "stroke-linecap='round' stroke-linejoin='round'/>"
        "<path d='M96 116h90M96 134h60M250 120h50' stroke='#3d5a80' stroke-width='6' "
        "stroke-linecap='round'/>"
        "<rect x='90' y='264' width='220' height='10' rx='4' fill='$D'/>"
        "<rect x='120' y='256' width='34' height='9' rx='4' fill='$A'/>"
        "<rect x='166' y='256' width='34' height='9' rx='4' fill='#3d5a80'/>");
    return s;
}

QString fileCabinet(const Variant &v)
{
    const int drawers = v.count(3, 4);
    const int h = 232 / drawers;
    QString s = QStringLiteral("<rect x='120' y='60' width='160' height='250' rx='8' fill='$C'/>");
    for (int i = 0; i < drawers; ++i) {
        const int top = 70 + i * h;
        s += QStringLiteral("<rect x='132' y='%1' width='136' height='%2' rx='4' fill='$D' "
                            "fill-opacity='.35'/>"
                            "<rect x='176' y='%3' width='48' height='10' rx='5' fill='#c4c8cc'/>"
                            "<rect x='186' y='%4' width='28' height='14' rx='2' fill='%5'/>")
                 .arg(top)
                 .arg(h - 8)
                 .arg(top + h / 2)
                 .arg(top + h / 2 - 22)
                 .arg(v.option(0) ? QStringLiteral("$A") : QStringLiteral("#fff"));
    }
    s += QStringLiteral("<rect x='116' y='300' width='168' height='10' rx='3' fill='$D'/>");
    return s;
}

QString calculator(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='120' y='70' width='160' height='236' rx='20' fill='$C'/>"
        "<rect x='138' y='90' width='124' height='52' rx='6' fill='#cfe0d0'/>"
        "<path d='M150 168v122M182 168v122M214 168v122' stroke='$L' stroke-width='24' "
        "stroke-dasharray='19 7'/>"
        "<path d='M248 168v122' stroke='$A' stroke-width='24' stroke-dasharray='19 7'/>");
    s += label(200, 128, 28, QStringLiteral("#2b2d31"),
               v.option(0) ? QStringLiteral("3.14") : QStringLiteral("1234"));
    return s;
}

// ---- Pets

QString dogBed(const Variant &v)
{
    QString s = QStringLiteral("<ellipse cx='200' cy='258' rx='156' ry='58' fill='$D'/>"
                               "<ellipse cx='200' cy='246' rx='156' ry='58' fill='$C'/>"
                               "<ellipse cx='200' cy='236' rx='110' ry='34' fill='$L'/>");
    if (v.option(0)) { // a paw print on the cushion
        s += QStringLiteral("<ellipse cx='200' cy='244' rx='14' ry='10' fill='$A'/>"
                            "<circle cx='184' cy='230' r='5' fill='$A'/><circle cx='196' cy='225' "
                            "r='5' fill='$A'/><circle cx='208' cy='225' r='5' fill='$A'/><circle "
                            "cx='220' cy='230' r='5' fill='$A'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M60 250q140 80 280 0' fill='none' stroke='$L' "
                            "stroke-width='4' stroke-dasharray='6 5'/>");
    }
    return s;
}

QString catTree(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M133 150v140M250 96v110' stroke='#d8c29d' stroke-width='26'/>"
                       "<path d='M133 152v136M250 98v106' stroke='#b89a6a' stroke-width='26' "
                       "stroke-dasharray='3 5'/>"
                       "<rect x='80' y='286' width='240' height='24' rx='6' fill='$C'/>"
                       "<rect x='196' y='196' width='116' height='94' rx='8' fill='$C'/>"
                       "<circle cx='254' cy='246' r='27' fill='$D'/>"
                       "<rect x='82' y='134' width='110' height='18' rx='6' fill='$C'/>"
                       "<rect x='190' y='82' width='120' height='18' rx='6' fill='$C'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M104 152v48' stroke='#444' stroke-width='2'/>"
                            "<circle cx='104' cy='208' r='10' fill='$A'/>");
    }
    return s;
}

QString petBowl(const Variant &v)
{
    QString s =
        QStringLiteral("<g transform='rotate(-14 200 168)'>"
                       "<rect x='148' y='157' width='104' height='24' rx='8' fill='#f4ead7'/>"
                       "<circle cx='148' cy='156' r='15' fill='#f4ead7'/>"
                       "<circle cx='148' cy='182' r='15' fill='#f4ead7'/>"
                       "<circle cx='252' cy='156' r='15' fill='#f4ead7'/>"
                       "<circle cx='252' cy='182' r='15' fill='#f4ead7'/></g>"
                       "<path d='M100 236h200l-26 66H126z' fill='$C'/>"
                       "<ellipse cx='200' cy='236' rx='100' ry='15' fill='$D'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='200' cy='272' r='11' fill='$L'/>"
                            "<circle cx='184' cy='256' r='5' fill='$L'/>"
                            "<circle cx='200' cy='251' r='5' fill='$L'/>"
                            "<circle cx='216' cy='256' r='5' fill='$L'/>");
    } else {
        s += QStringLiteral("<path d='M120 262h160' stroke='$A' stroke-width='9'/>");
    }
    return s;
}

QString leash(const Variant &v)
{
    QString s = QStringLiteral(
        "<ellipse cx='140' cy='98' rx='40' ry='58' fill='none' stroke='$C' stroke-width='16' "
        "transform='rotate(-30 140 98)'/>"
        "<path d='M164 144q80 40 40 100t86 44' fill='none' stroke='$C' stroke-width='16' "
        "stroke-linecap='round'/>"
        "<path d='M164 144q80 40 40 100t86 44' fill='none' stroke='$L' stroke-width='3' "
        "stroke-dasharray='6 6'/>"
        "<g transform='rotate(-70 290 288)'><circle cx='290' cy='288' r='10' fill='none' "
        "stroke='#b8bec6' stroke-width='6'/><rect x='282' y='296' width='16' height='40' rx='8' "
        "fill='#b8bec6'/></g>");
    if (v.option(0)) {
        s += QStringLiteral("<ellipse cx='312' cy='300' rx='36' ry='14' fill='none' stroke='$A' "
                            "stroke-width='12'/>");
    }
    return s;
}

QString dogToy(const Variant &v)
{
    QString s = QStringLiteral(
        "<g transform='rotate(-20 200 200)'>"
        "<rect x='120' y='184' width='160' height='36' rx='10' fill='$C'/>"
        "<circle cx='120' cy='182' r='25' fill='$C'/><circle cx='120' cy='222' r='25' "
        "fill='$C'/><circle cx='280' cy='182' r='25' fill='$C'/><circle cx='280' cy='222' "
        "r='25' fill='$C'/>"
        "<path d='M150 202h100' stroke='$L' stroke-width='6' stroke-linecap='round' "
        "stroke-dasharray='1 16'/></g>");
    if (!v.option(0)) { // a tennis ball
        s += QStringLiteral("<circle cx='292' cy='278' r='32' fill='#c9e04a'/>"
                            "<path d='M262 268q30 10 60-6M264 296q30-14 58 4' fill='none' "
                            "stroke='#fff' stroke-width='4'/>");
    }
    return s;
}

QString litterBox(const Variant &v)
{
    QString s;
    const bool covered = v.option(0);
    if (covered) {
        s += QStringLiteral("<path d='M90 232q0-112 110-112t110 112z' fill='$C'/>"
                            "<rect x='178' y='110' width='44' height='12' rx='6' fill='$D'/>"
                            "<path d='M156 232v-40q0-44 44-44t44 44v40z' fill='$D'/>");
    } else {
        s += QStringLiteral("<g transform='rotate(28 300 170)'><rect x='294' y='92' width='14' "
                            "height='86' rx='6' fill='$A'/><rect x='280' y='174' width='42' "
                            "height='38' rx='6' fill='$A'/></g>");
    }
    s += QStringLiteral("<rect x='80' y='224' width='240' height='82' rx='14' fill='$C'/>");
    if (!covered) {
        s += QStringLiteral("<path d='M88 226q112-30 224 0z' fill='#d8c29d'/>");
    }
    s += QStringLiteral("<rect x='74' y='220' width='252' height='16' rx='8' fill='$D'/>");
    return s;
}

QString petCarrier(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M160 120V94q0-10 10-10h60q10 0 10 10v26' fill='none' stroke='$D' "
                       "stroke-width='12'/>"
                       "<rect x='70' y='116' width='260' height='190' rx='30' fill='$C'/>"
                       "<path d='M70 206h260' stroke='$D' stroke-width='6'/>"
                       "<rect x='96' y='140' width='120' height='140' rx='16' fill='#4a4f57'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='140' cy='206' r='7' fill='#ffd54a'/><circle cx='172' "
                            "cy='206' r='7' fill='#ffd54a'/>");
    }
    s += QStringLiteral(
        "<path d='M114 144v132M134 144v132M156 144v132M178 144v132M198 144v132' "
        "stroke='#b8bec6' stroke-width='6'/>"
        "<rect x='96' y='140' width='120' height='140' rx='16' fill='none' stroke='#b8bec6' "
        "stroke-width='8'/>"
        "<path d='M252 150v40M274 150v40M296 150v40' stroke='$D' stroke-width='8' "
        "stroke-linecap='round'/>");
    return s;
}

QString aquarium(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='70' y='100' width='260' height='186' fill='#7fc3e8' fill-opacity='.6'/>"
        "<path d='M70 286v-22q130-20 260 0v22z' fill='#c9a36b'/>"
        "<path d='M104 272q-10-60 10-100M122 272q10-50-6-90M292 272q10-70-14-110' fill='none' "
        "stroke='#3d7a36' stroke-width='8' stroke-linecap='round'/>"
        "<ellipse cx='196' cy='170' rx='26' ry='15' fill='$A'/><path d='M172 170l-18-13v26z' "
        "fill='$A'/><circle cx='208' cy='166' r='3' fill='#222'/>"
        "<circle cx='240' cy='146' r='5' fill='none' stroke='#fff' stroke-width='2'/>"
        "<circle cx='248' cy='124' r='4' fill='none' stroke='#fff' stroke-width='2'/>"
        "<path d='M86 120v120' stroke='#fff' stroke-opacity='.5' stroke-width='6'/>"
        "<rect x='62' y='88' width='276' height='18' rx='4' fill='$C'/>"
        "<rect x='60' y='284' width='280' height='22' rx='4' fill='$C'/>");
    if (v.option(0)) {
        s += QStringLiteral("<ellipse cx='250' cy='226' rx='18' ry='10' fill='$L'/><path "
                            "d='M268 226l12-9v18z' fill='$L'/>");
    }
    return s;
}

QString petFeeder(const Variant &v)
{
    QString s = QStringLiteral(
        "<rect x='120' y='70' width='160' height='220' rx='30' fill='$C'/>"
        "<rect x='140' y='92' width='120' height='100' rx='16' fill='#dfe9ef' "
        "fill-opacity='.9'/>"
        "<path d='M150 150h100M156 166h88M150 182h100' stroke='#b07a3e' stroke-width='12' "
        "stroke-linecap='round' stroke-dasharray='1 13'/>"
        "<rect x='128' y='62' width='144' height='22' rx='10' fill='$D'/>"
        "<rect x='170' y='206' width='60' height='24' rx='4' fill='#1d1f24'/>"
        "<path d='M180 218h40' stroke='$A' stroke-width='6' stroke-dasharray='8 4'/>"
        "<path d='M104 268h192l-14 40H118z' fill='$D'/>"
        "<ellipse cx='200' cy='268' rx='96' ry='10' fill='#b07a3e'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='250' cy='246' r='7' fill='$A'/>");
    }
    return s;
}

QString groomingKit(const Variant &v)
{
    QString s = QStringLiteral(
        "<g transform='rotate(-30 200 170)'>"
        "<rect x='186' y='170' width='28' height='140' rx='12' fill='$C'/>"
        "<rect x='130' y='80' width='140' height='100' rx='20' fill='$D'/>"
        "<path d='M150 100h100M150 120h100M150 140h100M150 160h100' stroke='#c4c8cc' "
        "stroke-width='6' stroke-linecap='round' stroke-dasharray='1 10'/></g>"
        "<g transform='rotate(16 250 250)'>"
        "<rect x='168' y='226' width='170' height='18' rx='4' fill='#b8bec6'/>"
        "<path d='M174 256h158' stroke='#b8bec6' stroke-width='24' stroke-dasharray='3 5'/></g>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='110' cy='270' r='10' fill='$A'/>");
    }
    return s;
}

// ---- Toys

QString bricks(const Variant &v)
{
    // Stacked studded building bricks.
    const auto brick = [](int x, int y, int w, const char *fill) {
        return QStringLiteral("<path d='M%1 %2h%3' stroke='%4' stroke-width='14' "
                              "stroke-dasharray='24 12'/>"
                              "<rect x='%5' y='%6' width='%7' height='58' rx='4' fill='%4'/>"
                              "<path d='M%1 %2h%3' stroke='#fff' stroke-opacity='.25' "
                              "stroke-width='4' stroke-dasharray='24 12'/>")
            .arg(x + 10)
            .arg(y - 6)
            .arg(w - 20)
            .arg(QLatin1String(fill))
            .arg(x)
            .arg(y)
            .arg(w);
    };
    QString s = brick(84, 248, 232, "$C") + brick(v.option(0) ? 142 : 120, 188, 160, "$A")
        + brick(v.option(1) ? 178 : 124, 128, 88, "$D");
    return s;
}

QString boardGame(const Variant &v)
{
    QString s;
    if (v.option(0)) { // the box lid behind
        s += QStringLiteral("<rect x='96' y='70' width='208' height='120' rx='6' fill='$D'/>"
                            "<rect x='96' y='96' width='208' height='24' fill='$A'/>");
    }
    s += QStringLiteral(
        "<path d='M60 292l50-130h180l50 130z' fill='$C'/>"
        "<path d='M82 280l38-104h160l38 104z' fill='none' stroke='#fff' stroke-width='16' "
        "stroke-dasharray='16 5'/>"
        "<path d='M150 252l18-48h64l18 48z' fill='$D'/>"
        "<g transform='rotate(12 276 250)'><rect x='250' y='224' width='52' height='52' rx='9' "
        "fill='#fff'/><circle cx='264' cy='238' r='5' fill='#2b2d31'/><circle cx='276' cy='250' "
        "r='5' fill='#2b2d31'/><circle cx='288' cy='262' r='5' fill='#2b2d31'/></g>"
        "<circle cx='130' cy='206' r='14' fill='$A'/><path d='M110 258q4-44 20-44t20 44z' "
        "fill='$A'/>");
    return s;
}

QString puzzle(const Variant &v)
{
    // Four interlocking jigsaw pieces, one of them lifted out.
    const int lift = v.option(0) ? 14 : 24;
    return QStringLiteral("<g transform='translate(110 110)'>"
                          "<path d='M0 0h90v34a11 11 0 1 1 0 22v34h-34a11 11 0 1 1-22 0H0z' "
                          "fill='$C'/>"
                          "<path d='M90 0h90v90h-34a11 11 0 1 1-22 0H90V56a11 11 0 1 0 0-22z' "
                          "fill='$A'/>"
                          "<path d='M0 90h34a11 11 0 1 0 22 0h34v34a11 11 0 1 1 0 22v34H0z' "
                          "fill='$D'/>"
                          "<path d='M90 90h34a11 11 0 1 0 22 0h34v90H90v-34a11 11 0 1 0 0-22z' "
                          "fill='$L' transform='translate(%1 %1) rotate(%2 135 135)'/></g>")
        .arg(lift)
        .arg(v.option(1) ? 14 : -10);
}

QString rcCar(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M250 170l22-92' stroke='#2b2d31' stroke-width='3'/>"
        "<circle cx='272' cy='78' r='5' fill='$A'/>"
        "<path d='M288 158h52M302 162v40M328 162v40' stroke='#2b2d31' stroke-width='7'/>"
        "<path d='M190 176l24-32h48l22 32' fill='none' stroke='#2b2d31' stroke-width='8' "
        "stroke-linejoin='round'/>"
        "<path d='M70 246l22-44h86l30-30h64l32 30h22q24 4 24 26v18z' fill='$C'/>"
        "<circle cx='196' cy='216' r='17' fill='#fff'/>");
    s += label(196, 224, 22, QStringLiteral("#2b2d31"),
               v.option(0) ? QStringLiteral("7") : QStringLiteral("3"));
    for (int x : {118, 292}) {
        s += QStringLiteral("<circle cx='%1' cy='262' r='42' fill='#2f2f33'/>"
                            "<circle cx='%1' cy='262' r='38' fill='none' stroke='#1d1d20' "
                            "stroke-width='8' stroke-dasharray='8 6'/>"
                            "<circle cx='%1' cy='262' r='16' fill='$A'/>")
                 .arg(x);
    }
    return s;
}

QString doll(const Variant &v)
{
    static const char *const hairs[] = {"#6b4a2b", "#e8c36a", "#2b2d31", "#b5542d"};
    const QString hair = QLatin1String(hairs[(v.bits >> 20) % 4]);
    QString s =
        QStringLiteral(
            "<path d='M156 124q-4-70 44-70t44 70v86h-88z' fill='%1'/>"
            "<path d='M184 250v48M216 250v48' stroke='#f1c7a5' stroke-width='14' "
            "stroke-linecap='round'/>"
            "<rect x='172' y='294' width='24' height='13' rx='6' fill='$D'/>"
            "<rect x='204' y='294' width='24' height='13' rx='6' fill='$D'/>"
            "<path d='M172 152l-28 60M228 152l28 60' stroke='#f1c7a5' stroke-width='12' "
            "stroke-linecap='round'/>"
            "<path d='M176 140h48l36 124H140z' fill='$C'/>"
            "<rect x='172' y='176' width='56' height='10' rx='4' fill='$A'/>"
            "<circle cx='200' cy='108' r='38' fill='#f1c7a5'/>"
            "<path d='M162 106q4-46 38-46t38 46q-20-24-38-24t-38 24z' fill='%1'/>"
            "<circle cx='186' cy='114' r='4' fill='#2b2d31'/><circle cx='214' cy='114' r='4' "
            "fill='#2b2d31'/>"
            "<path d='M192 128q8 6 16 0' fill='none' stroke='#c0504d' stroke-width='3' "
            "stroke-linecap='round'/>")
            .arg(hair);
    if (v.option(0)) {
        s += QStringLiteral("<path d='M222 72l14-10 4 16z' fill='$A'/>");
    }
    return s;
}

QString actionFigure(const Variant &v)
{
    QString s = QStringLiteral(
                    "<path d='M164 118l-44 182h160l-44-182z' fill='$A'/>"
                    "<path d='M184 220l-14 80M216 220l14 80' stroke='$D' stroke-width='26' "
                    "stroke-linecap='round'/>"
                    "<path d='M170 124l-38-44M230 124l26 58' stroke='$C' stroke-width='22' "
                    "stroke-linecap='round'/>"
                    "<circle cx='130' cy='76' r='15' fill='$D'/><circle cx='258' cy='188' r='15' "
                    "fill='$D'/>"
                    "<path d='M162 114h76l-10 114h-56z' fill='$C'/>"
                    "<rect x='170' y='206' width='60' height='14' rx='3' fill='$D'/>"
                    "<path d='M200 142l8 16 17 2-12 12 3 17-16-8-16 8 3-17-12-12 17-2z' fill='$A'/>"
                    "<circle cx='200' cy='86' r='28' fill='#e9b48a'/>"
                    "<path d='M172 84q0-30 28-30t28 30v-2h-56z' fill='%1'/>"
                    "<rect x='174' y='80' width='52' height='12' rx='6' fill='$D'/>")
                    .arg(v.option(0) ? QStringLiteral("#2b2d31") : QStringLiteral("$D"));
    return s;
}

QString teddyBear(const Variant &v)
{
    QString s = QStringLiteral(
        "<circle cx='156' cy='84' r='24' fill='$C'/><circle cx='244' cy='84' r='24' fill='$C'/>"
        "<circle cx='156' cy='84' r='12' fill='$L'/><circle cx='244' cy='84' r='12' fill='$L'/>"
        "<ellipse cx='134' cy='214' rx='22' ry='42' fill='$C' transform='rotate(30 134 214)'/>"
        "<ellipse cx='266' cy='214' rx='22' ry='42' fill='$C' transform='rotate(-30 266 214)'/>"
        "<ellipse cx='200' cy='236' rx='68' ry='72' fill='$C'/>"
        "<ellipse cx='200' cy='246' rx='38' ry='44' fill='$L'/>"
        "<ellipse cx='156' cy='294' rx='32' ry='22' fill='$C'/>"
        "<ellipse cx='244' cy='294' rx='32' ry='22' fill='$C'/>"
        "<ellipse cx='156' cy='298' rx='16' ry='12' fill='$L'/>"
        "<ellipse cx='244' cy='298' rx='16' ry='12' fill='$L'/>"
        "<circle cx='200' cy='124' r='54' fill='$C'/>"
        "<ellipse cx='200' cy='142' rx='25' ry='19' fill='$L'/>"
        "<ellipse cx='200' cy='134' rx='9' ry='6' fill='#2b2d31'/>"
        "<path d='M200 140v10M190 152q10 6 20 0' fill='none' stroke='#2b2d31' stroke-width='3' "
        "stroke-linecap='round'/>"
        "<circle cx='180' cy='112' r='5' fill='#2b2d31'/><circle cx='220' cy='112' r='5' "
        "fill='#2b2d31'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M200 180l-24-12v24zM200 180l24-12v24z' fill='$A'/>"
                            "<circle cx='200' cy='180' r='6' fill='$A'/>");
    }
    return s;
}

QString drone(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M200 200L90 150M200 200L310 150M200 200L112 252M200 200L288 252' "
                       "stroke='$D' stroke-width='12' stroke-linecap='round'/>"
                       "<path d='M176 226l-10 40M224 226l10 40' stroke='$D' stroke-width='6'/>");
    const int ends[4][2] = {{90, 150}, {310, 150}, {112, 252}, {288, 252}};
    for (const auto &e : ends) {
        s += QStringLiteral("<circle cx='%1' cy='%2' r='11' fill='#2b2d31'/>"
                            "<ellipse cx='%1' cy='%3' rx='54' ry='11' fill='#2b2d31' "
                            "fill-opacity='.22'/>")
                 .arg(e[0])
                 .arg(e[1])
                 .arg(e[1] - 10);
    }
    s += QStringLiteral(
        "<rect x='154' y='174' width='92' height='54' rx='22' fill='$C'/>"
        "<rect x='180' y='180' width='40' height='10' rx='5' fill='$A'/>"
        "<circle cx='200' cy='238' r='15' fill='#2b2d31'/><circle cx='200' cy='238' r='6' "
        "fill='#35507a'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='90' cy='150' r='4' fill='#e5533d'/><circle cx='310' "
                            "cy='150' r='4' fill='#62b357'/>");
    }
    return s;
}

QString scienceKit(const Variant &v)
{
    static const char *const liquids[] = {"#62b357", "#5aa9e6", "#e5533d"};
    QString s;
    for (int i = 0; i < 3; ++i) {
        const int x = 240 + i * 34;
        s += QStringLiteral("<rect x='%1' y='150' width='20' height='124' rx='10' fill='#dfe9ef' "
                            "fill-opacity='.95'/>"
                            "<rect x='%1' y='%2' width='20' height='%3' rx='10' fill='%4'/>")
                 .arg(x)
                 .arg(200 + i * 14)
                 .arg(74 - i * 14)
                 .arg(QLatin1String(liquids[(i + int(v.bits >> 20)) % 3]));
    }
    s += QStringLiteral(
        "<rect x='224' y='196' width='130' height='14' rx='4' fill='$C'/>"
        "<rect x='224' y='286' width='130' height='16' rx='4' fill='$C'/>"
        "<path d='M230 208v80M348 208v80' stroke='$C' stroke-width='8'/>"
        "<path d='M130 112h44v50l52 110q6 22-16 22H92q-22 0-16-22l54-110z' fill='#dfe9ef' "
        "fill-opacity='.9'/>"
        "<path d='M112 214h80l36 62q4 14-12 14H88q-16 0-12-14z' fill='$A'/>"
        "<rect x='124' y='104' width='56' height='12' rx='4' fill='#c4c8cc'/>"
        "<circle cx='140' cy='250' r='6' fill='#fff' fill-opacity='.7'/><circle cx='162' "
        "cy='234' r='4' fill='#fff' fill-opacity='.7'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M150 96q-10-20 4-34M160 92q10-18 0-32' fill='none' "
                            "stroke='#9aa3ad' stroke-width='4' stroke-linecap='round'/>");
    }
    return s;
}

QString playingCards(const Variant &v)
{
    QString s = QStringLiteral(
        "<g transform='rotate(-20 200 300)'><rect x='146' y='104' width='108' height='156' "
        "rx='10' fill='$C'/><rect x='156' y='114' width='88' height='136' rx='6' fill='none' "
        "stroke='#fff' stroke-width='4'/></g>"
        "<g transform='rotate(0 200 300)'><rect x='146' y='100' width='108' height='156' "
        "rx='10' fill='#fff' stroke='#d9d9d9' stroke-width='2'/>"
        "<path d='M200 206c-34-24-20-52 0-36 20-16 34 12 0 36z' fill='#d8432e'/></g>"
        "<g transform='rotate(20 200 300)'><rect x='146' y='104' width='108' height='156' "
        "rx='10' fill='#fff' stroke='#d9d9d9' stroke-width='2'/>"
        "<path d='M200 156c-34 24-20 52 0 36 20 16 34-12 0-36zM200 190l-8 20h16z' "
        "fill='#2b2d31'/></g>");
    s += label(164, 126, 20, QStringLiteral("#d8432e"), QStringLiteral("A"));
    if (v.option(0)) {
        s += QStringLiteral("<rect x='60' y='250' width='80' height='56' rx='6' fill='$D'/>"
                            "<rect x='60' y='266' width='80' height='12' fill='$A'/>");
    }
    return s;
}

// ---- Baby

QString stroller(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M290 206l30-64h22' fill='none' stroke='#444' stroke-width='9' "
                       "stroke-linecap='round'/>"
                       "<path d='M150 262l-8 30M250 262l10 30' stroke='#444' stroke-width='7'/>"
                       "<path d='M108 204h184q0 60-60 64h-64q-60-4-60-64z' fill='$C'/>"
                       "<path d='M108 204a92 92 0 0 1 92-92v92z' fill='$D'/>"
                       "<circle cx='142' cy='296' r='24' fill='none' stroke='#444' "
                       "stroke-width='8'/>"
                       "<circle cx='262' cy='296' r='24' fill='none' stroke='#444' "
                       "stroke-width='8'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M124 226h152' stroke='$A' stroke-width='8'/>");
    }
    if (v.option(1)) {
        s += QStringLiteral("<path d='M132 180l30-50M170 160l20-44' stroke='$L' "
                            "stroke-width='6'/>");
    }
    return s;
}

QString carSeat(const Variant &v)
{
    // A child's car seat from the front: shell, head wings, padding and the five-point harness.
    QString s = QStringLiteral(
        "<path d='M118 306h164l-12-30H130z' fill='$D'/>"
        "<path d='M122 286q-16-96 6-156 12-52 72-60 60 8 72 60 22 60 6 156z' fill='$C'/>"
        "<path d='M152 280q-8-80 4-128 8-38 44-42 36 4 44 42 12 48 4 128z' fill='$L'/>"
        "<rect x='122' y='88' width='32' height='86' rx='15' fill='$D'/>"
        "<rect x='246' y='88' width='32' height='86' rx='15' fill='$D'/>"
        "<path d='M174 142l18 96M226 142l-18 96M156 244l44 8 44-8M200 252v26' fill='none' "
        "stroke='$D' stroke-width='11' stroke-linecap='round' stroke-linejoin='round'/>"
        "<rect x='184' y='180' width='32' height='13' rx='4' fill='$A'/>"
        "<rect x='187' y='238' width='26' height='22' rx='6' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M104 248h26v30h-26z' fill='$D'/><ellipse cx='117' cy='248' "
                            "rx='13' ry='4' fill='#2b2d31'/>");
    }
    return s;
}

QString highChair(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M156 176l-44 132M244 176l44 132' stroke='$D' stroke-width='12' "
                       "stroke-linecap='round'/>"
                       "<path d='M164 176l-18 132M236 176l18 132' stroke='$C' stroke-width='13' "
                       "stroke-linecap='round'/>"
                       "<path d='M134 264h132' stroke='$D' stroke-width='10'/>"
                       "<rect x='156' y='66' width='88' height='104' rx='22' fill='$C'/>"
                       "<rect x='168' y='80' width='64' height='80' rx='14' fill='$L'/>"
                       "<rect x='146' y='164' width='108' height='22' rx='8' fill='$C'/>"
                       "<rect x='104' y='140' width='192' height='16' rx='8' fill='%1'/>")
            .arg(v.option(0) ? QStringLiteral("$A") : QStringLiteral("#f4f4f2"));
    return s;
}

QString babyMonitor(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M116 304h68M150 304v-72' stroke='$D' stroke-width='10' "
        "stroke-linecap='round'/>"
        "<circle cx='150' cy='202' r='44' fill='$C'/>"
        "<circle cx='150' cy='202' r='21' fill='#1d1f24'/><circle cx='150' cy='202' r='9' "
        "fill='#35507a'/>"
        "<rect x='296' y='106' width='11' height='40' rx='5' fill='$D'/>"
        "<rect x='210' y='138' width='120' height='170' rx='18' fill='$C'/>"
        "<rect x='222' y='152' width='96' height='78' rx='6' fill='#3b4a66'/>"
        "<path d='M262 168a22 22 0 1 0 24 34 18 18 0 1 1-24-34z' fill='#ffd54a'/>"
        "<circle cx='250' cy='264' r='10' fill='$L'/><circle cx='290' cy='264' r='10' "
        "fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M186 160q14 14 0 28M196 150q22 24 0 48' fill='none' "
                            "stroke='$A' stroke-width='4' stroke-linecap='round'/>");
    }
    return s;
}

QString crib(const Variant &v)
{
    QString s;
    if (v.option(0)) { // a mobile
        s += QStringLiteral("<path d='M300 104V56h-80' fill='none' stroke='#9aa3ad' "
                            "stroke-width='4'/>"
                            "<path d='M220 56v24M250 56v34M280 56v22' stroke='#9aa3ad' "
                            "stroke-width='2'/>"
                            "<circle cx='220' cy='86' r='8' fill='$A'/><circle cx='250' cy='96' "
                            "r='8' fill='$L'/><circle cx='280' cy='84' r='8' fill='$A'/>");
    }
    s += QStringLiteral(
        "<rect x='90' y='222' width='220' height='16' rx='6' fill='#fff'/>"
        "<path d='M96 181h212' stroke='$C' stroke-width='112' stroke-dasharray='8 14'/>"
        "<rect x='80' y='110' width='240' height='14' rx='5' fill='$C'/>"
        "<rect x='80' y='236' width='240' height='16' rx='5' fill='$C'/>"
        "<rect x='70' y='98' width='20' height='212' rx='6' fill='$D'/>"
        "<rect x='310' y='98' width='20' height='212' rx='6' fill='$D'/>");
    return s;
}

QString diaperBag(const Variant &v)
{
    // A roomy tote with a baby bottle in its side pocket.
    QString s = QStringLiteral(
        "<path d='M150 152q0-62 50-62t50 62' fill='none' stroke='$D' stroke-width='12'/>"
        "<rect x='58' y='156' width='42' height='84' rx='10' fill='#f4f4f2'/>"
        "<path d='M66 158q13-30 26 0z' fill='#f2d9a6'/>"
        "<rect x='56' y='154' width='46' height='12' rx='3' fill='$A'/>"
        "<rect x='76' y='150' width='248' height='158' rx='18' fill='$C'/>"
        "<rect x='50' y='214' width='56' height='84' rx='12' fill='$D'/>"
        "<rect x='126' y='222' width='160' height='70' rx='14' fill='$D'/>"
        "<path d='M96 170h208' stroke='#2b2d31' stroke-width='5' stroke-dasharray='4 2'/>"
        "<path d='M206 272c-14-10-8-22 0-16 8-6 14 6 0 16z' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M300 150q30 60 0 150' fill='none' stroke='$D' "
                            "stroke-width='8'/>");
    }
    return s;
}

QString babyBottle(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M174 108q0-34 26-42 26 8 26 42z' fill='#f2d9a6'/>"
        "<rect x='156' y='102' width='88' height='38' rx='8' fill='$C'/>"
        "<path d='M160 140h80v150q0 20-20 20h-40q-20 0-20-20z' fill='#fff' fill-opacity='.8' "
        "stroke='$L' stroke-width='4'/>"
        "<path d='M164 200h72v90q0 16-16 16h-40q-16 0-16-16z' fill='#fdf3dc'/>"
        "<path d='M170 172h16M170 196h16M170 220h16M170 244h16M170 268h16' stroke='$A' "
        "stroke-width='4'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M160 140h80' stroke='$D' stroke-width='6'/>");
    }
    return s;
}

QString playMat(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M44 304l44-54h224l44 54z' fill='$C'/>"
        "<path d='M90 292l30-34M150 292l14-34M250 292l-14-34M310 292l-30-34' stroke='$L' "
        "stroke-width='6' stroke-linecap='round'/>"
        "<path d='M80 290Q200 10 320 290M116 250Q200 60 284 296' fill='none' stroke='$D' "
        "stroke-width='10' stroke-linecap='round'/>"
        "<path d='M168 126v44M232 126v38M200 110v60' stroke='#9aa3ad' stroke-width='2'/>"
        "<path d='M168 170l7 13 14 2-10 10 2 14-13-7-13 7 2-14-10-10 14-2z' fill='$A'/>"
        "<circle cx='232' cy='176' r='12' fill='$L'/>"
        "<circle cx='200' cy='184' r='14' fill='none' stroke='$A' stroke-width='6'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='140' cy='282' r='9' fill='$A'/><circle cx='262' "
                            "cy='282' r='9' fill='$L'/>");
    }
    return s;
}

QString kidsBackpack(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M116 152q-16 60 4 124M284 152q16 60-4 124' fill='none' stroke='$D' "
        "stroke-width='10'/>"
        "<circle cx='142' cy='104' r='24' fill='$D'/><circle cx='258' cy='104' r='24' "
        "fill='$D'/>"
        "<path d='M180 98q20-32 40 0' fill='none' stroke='$D' stroke-width='8'/>"
        "<rect x='116' y='96' width='168' height='212' rx='60' fill='$C'/>"
        "<path d='M140 160q60-24 120 0' fill='none' stroke='#2b2d31' stroke-width='4' "
        "stroke-dasharray='4 2'/>"
        "<ellipse cx='200' cy='234' rx='58' ry='50' fill='$L'/>"
        "<circle cx='180' cy='224' r='6' fill='#2b2d31'/><circle cx='220' cy='224' r='6' "
        "fill='#2b2d31'/>"
        "<ellipse cx='200' cy='242' rx='9' ry='6' fill='#2b2d31'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='166' cy='244' r='8' fill='$A' fill-opacity='.7'/>"
                            "<circle cx='234' cy='244' r='8' fill='$A' fill-opacity='.7'/>");
    }
    return s;
}

QString teether(const Variant &v)
{
    QString s = QStringLiteral(
        "<circle cx='170' cy='196' r='70' fill='none' stroke='$C' stroke-width='32'/>"
        "<circle cx='170' cy='196' r='70' fill='none' stroke='$L' stroke-width='10' "
        "stroke-dasharray='2 14' stroke-linecap='round'/>"
        "<circle cx='258' cy='244' r='20' fill='$A'/><circle cx='288' cy='272' r='17' "
        "fill='$D'/><circle cx='314' cy='296' r='15' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M170 104l8 16 18 2-13 12 3 18-16-8-16 8 3-18-13-12 18-2z' "
                            "fill='$A'/>");
    }
    return s;
}

// ---- Music

QString guitar(const Variant &v)
{
    QString s = QStringLiteral("<g transform='rotate(24 200 220)'>"
                               "<rect x='192' y='66' width='16' height='176' fill='#7a5230'/>"
                               "<rect x='185' y='42' width='30' height='34' rx='5' fill='$D'/>"
                               "<path d='M200 166c-52-6-82 30-62 66-30 26-20 90 62 90s92-64 "
                               "62-90c20-36-10-72-62-66z' "
                               "fill='$C'/>");
    s += v.option(0) ? QStringLiteral("<circle cx='200' cy='236' r='22' fill='#2b2b2b'/>")
                     : QStringLiteral("<rect x='182' y='222' width='36' height='11' "
                                      "rx='3' fill='$A'/><rect x='182' y='246' "
                                      "width='36' height='11' rx='3' fill='$A'/>");
    s += QStringLiteral("<rect x='178' y='286' width='44' height='9' rx='3' fill='#3d2a1a'/>"
                        "<path d='M196 70v220M200 70v220M204 70v220' stroke='#e8e2d4' "
                        "stroke-width='1.2'/></g>");
    return s;
}

QString electricGuitar(const Variant &v)
{
    QString s =
        QStringLiteral(
            "<g transform='translate(0 14) rotate(24 200 210)'>"
            "<rect x='192' y='52' width='16' height='190' fill='#c98f4e'/>"
            "<path d='M192 84h16M192 106h16M192 126h16M192 144h16M192 160h16' stroke='#c4c8cc' "
            "stroke-width='2'/>"
            "<path d='M190 60l-8-34q0-10 10-10h16l10 44z' fill='$D'/>"
            "<path d='M184 186C164 152 122 158 126 192c4 20 10 32-8 52-26 30-12 90 82 92 96-2 "
            "110-62 80-92-14-18-10-32 2-46 14-26-12-44-34-24-14 12-26 14-40 12z' fill='$C'/>"
            "<path d='M166 214q32-14 68 2l10 64q-44 22-88-2z' fill='%1'/>"
            "<rect x='180' y='230' width='40' height='11' rx='3' fill='#2b2d31'/>"
            "<rect x='180' y='256' width='40' height='11' rx='3' fill='#2b2d31'/>"
            "<rect x='182' y='290' width='36' height='11' rx='2' fill='#c4c8cc'/>"
            "<circle cx='250' cy='298' r='7' fill='$A'/><circle cx='262' cy='278' r='7' fill='$A'/>"
            "<path d='M195 28v270M200 28v270M205 28v270' stroke='#e8e2d4' stroke-width='1.2'/></g>")
            .arg(v.option(0) ? QStringLiteral("#f4f4f2") : QStringLiteral("#2b2d31"));
    return s;
}

QString digitalPiano(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M100 240v66M300 240v66' stroke='$D' stroke-width='14'/>"
        "<path d='M84 306h40M276 306h40' stroke='$D' stroke-width='8' stroke-linecap='round'/>"
        "<rect x='40' y='178' width='320' height='68' rx='8' fill='$C'/>"
        "<rect x='40' y='178' width='320' height='24' rx='8' fill='$D'/>"
        "<path d='M70 190h60' stroke='$A' stroke-width='6' stroke-dasharray='8 6'/>"
        "<rect x='180' y='183' width='40' height='14' rx='2' fill='#1d1f24'/>"
        "<rect x='52' y='204' width='296' height='36' fill='#fff'/>"
        "<path d='M52 222h296' stroke='#c4c8cc' stroke-width='36' "
        "stroke-dasharray='1.5 12.6'/>"
        "<path d='M62.1 214h285' stroke='#2b2d31' stroke-width='20' "
        "stroke-dasharray='8 6.1 8 20.2 8 6.1 8 6.1 8 20.2'/>");
    if (v.option(0)) {
        s += QStringLiteral("<circle cx='300' cy='190' r='6' fill='$A'/>");
    }
    return s;
}

QString drumKit(const Variant &v)
{
    QString s =
        QStringLiteral("<path d='M84 120v186M316 100v206M70 306h28M302 306h28' stroke='#6b737c' "
                       "stroke-width='4'/>"
                       "<ellipse cx='84' cy='120' rx='40' ry='7' fill='#d4b25a'/>"
                       "<ellipse cx='316' cy='100' rx='42' ry='7' fill='#d4b25a'/>"
                       "<path d='M121 242l-20 64M121 242l20 64' stroke='#6b737c' stroke-width='4'/>"
                       "<rect x='86' y='206' width='70' height='36' rx='4' fill='$C'/>"
                       "<ellipse cx='121' cy='206' rx='35' ry='7' fill='#f4f4f2'/>"
                       "<path d='M272 286v20M328 286v20' stroke='#6b737c' stroke-width='5'/>"
                       "<rect x='262' y='196' width='76' height='92' rx='6' fill='$C'/>"
                       "<ellipse cx='300' cy='196' rx='38' ry='8' fill='#f4f4f2'/>"
                       "<circle cx='200' cy='238' r='70' fill='$C'/>"
                       "<circle cx='200' cy='238' r='58' fill='#f4f4f2'/>"
                       "<circle cx='200' cy='238' r='64' fill='none' stroke='$D' stroke-width='6'/>"
                       "<circle cx='200' cy='238' r='22' fill='$A'/>"
                       "<rect x='140' y='136' width='56' height='42' rx='6' fill='$C'/>"
                       "<ellipse cx='168' cy='136' rx='28' ry='7' fill='#f4f4f2'/>"
                       "<rect x='206' y='140' width='56' height='38' rx='6' fill='$C'/>"
                       "<ellipse cx='234' cy='140' rx='28' ry='7' fill='#f4f4f2'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M104 196l40-30M112 200l44-22' stroke='#c9a66b' "
                            "stroke-width='5' stroke-linecap='round'/>");
    }
    return s;
}

QString microphone(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M200 250v54M146 306h108' stroke='#444' stroke-width='10' "
        "stroke-linecap='round'/>"
        "<path d='M140 150v60q0 40 60 40t60-40v-60' fill='none' stroke='#6b737c' "
        "stroke-width='8'/>"
        "<rect x='164' y='70' width='72' height='170' rx='36' fill='$C'/>"
        "<path d='M164 106a36 36 0 0 1 72 0v40h-72z' fill='#c4c8cc'/>"
        "<path d='M176 80v64M188 75v69M200 72v72M212 75v69M224 80v64' stroke='#8a939c' "
        "stroke-width='2'/>"
        "<path d='M166 96h68M164 116h72M164 134h72' stroke='#8a939c' stroke-width='2'/>"
        "<rect x='164' y='146' width='72' height='10' fill='$D'/>"
        "<circle cx='200' cy='190' r='6' fill='$A'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M200 304q0 20 40 20h60' fill='none' stroke='#2b2d31' "
                            "stroke-width='6'/>");
    }
    return s;
}

QString audioInterface(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M72 170l12-22h232l12 22z' fill='$L'/>"
        "<rect x='56' y='168' width='288' height='112' rx='14' fill='$C'/>"
        "<circle cx='100' cy='222' r='23' fill='#2b2d31'/><circle cx='100' cy='222' r='9' "
        "fill='#6b737c'/>"
        "<circle cx='158' cy='222' r='23' fill='#2b2d31'/><circle cx='158' cy='222' r='9' "
        "fill='#6b737c'/>"
        "<path d='M100 262h58' stroke='$L' stroke-width='12' stroke-linecap='round' "
        "stroke-dasharray='1 57'/>"
        "<path d='M200 196v52M212 196v52' stroke='$A' stroke-width='6' "
        "stroke-dasharray='4 3'/>"
        "<circle cx='262' cy='222' r='32' fill='$D'/>"
        "<path d='M262 222v-24' stroke='$A' stroke-width='5' stroke-linecap='round'/>"
        "<circle cx='318' cy='254' r='9' fill='#2b2d31'/>");
    if (v.option(0)) {
        s += QStringLiteral("<rect x='304' y='194' width='26' height='12' rx='4' fill='$L'/>");
    }
    return s;
}

QString studioMonitor(const Variant &v)
{
    QString s = QStringLiteral(
                    "<rect x='120' y='60' width='160' height='246' rx='16' fill='$C'/>"
                    "<circle cx='200' cy='112' r='27' fill='$D'/><circle cx='200' cy='112' r='12' "
                    "fill='#c4c8cc'/>"
                    "<circle cx='200' cy='212' r='64' fill='$D'/>"
                    "<circle cx='200' cy='212' r='52' fill='%1'/>"
                    "<circle cx='200' cy='212' r='18' fill='#4a4f57'/>"
                    "<rect x='160' y='282' width='80' height='12' rx='6' fill='#1d1f24'/>"
                    "<circle cx='258' cy='82' r='5' fill='$A'/>")
                    .arg(v.option(0) ? QStringLiteral("$A") : QStringLiteral("#2b2d31"));
    return s;
}

QString turntable(const Variant &v)
{
    QString s = QStringLiteral(
        "<path d='M74 282h20M306 282h20' stroke='#2b2d31' stroke-width='10'/>"
        "<path d='M56 236l34-122h220l34 122z' fill='$C'/>"
        "<path d='M56 236h288v40H56z' fill='$D'/>"
        "<ellipse cx='188' cy='176' rx='104' ry='48' fill='#1c1c1f'/>"
        "<ellipse cx='188' cy='176' rx='82' ry='37' fill='none' stroke='#3a3a3f' "
        "stroke-width='3'/>"
        "<ellipse cx='188' cy='176' rx='62' ry='28' fill='none' stroke='#3a3a3f' "
        "stroke-width='3'/>"
        "<ellipse cx='188' cy='176' rx='26' ry='12' fill='$A'/>"
        "<path d='M306 130l-6 70-40 18' fill='none' stroke='#c4c8cc' stroke-width='5' "
        "stroke-linecap='round' stroke-linejoin='round'/>"
        "<circle cx='306' cy='128' r='11' fill='#6b737c'/>"
        "<circle cx='88' cy='256' r='7' fill='$L'/><circle cx='110' cy='256' r='7' "
        "fill='$L'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M250 150q10 4 14 12' stroke='#fff' stroke-opacity='.3' "
                            "stroke-width='4' fill='none'/>");
    }
    return s;
}

QString guitarAmp(const Variant &v)
{
    QString s =
        QStringLiteral(
            "<path d='M160 98V82h80v16' fill='none' stroke='#2b2d31' stroke-width='10'/>"
            "<rect x='60' y='96' width='280' height='210' rx='14' fill='$C'/>"
            "<rect x='72' y='108' width='256' height='44' rx='6' fill='$D'/>"
            "<path d='M100 130h196' stroke='#f4f4f2' stroke-width='14' stroke-linecap='round' "
            "stroke-dasharray='1 27'/>"
            "<rect x='76' y='164' width='248' height='128' rx='8' fill='%1'/>"
            "<path d='M76 182h248M76 202h248M76 222h248M76 242h248M76 262h248M76 282h248' "
            "stroke='#000' stroke-opacity='.15' stroke-width='3'/>"
            "<rect x='92' y='172' width='64' height='16' rx='3' fill='$A'/>")
            .arg(v.option(0) ? QStringLiteral("#c8b48c") : QStringLiteral("#3a3b40"));
    return s;
}

QString ukulele(const Variant &v)
{
    QString s = QStringLiteral(
        "<g transform='rotate(-22 200 220)'>"
        "<rect x='191' y='80' width='18' height='150' fill='#7a5230'/>"
        "<rect x='183' y='52' width='34' height='36' rx='6' fill='$D'/>"
        "<path d='M180 62h-7M180 78h-7M220 62h7M220 78h7' stroke='#c4c8cc' stroke-width='5' "
        "stroke-linecap='round'/>"
        "<path d='M200 186c-38-4-58 18-46 46-24 22-14 70 46 70s70-48 46-70c12-28-8-50-46-46z' "
        "fill='$C'/>"
        "<circle cx='200' cy='238' r='18' fill='#2b2d31'/>"
        "<circle cx='200' cy='238' r='22' fill='none' stroke='$A' stroke-width='3'/>"
        "<rect x='182' y='274' width='36' height='8' rx='3' fill='#3d2a1a'/>"
        "<path d='M195 60v218M198.3 60v218M201.7 60v218M205 60v218' stroke='#e8e2d4' "
        "stroke-width='1'/>");
    if (v.option(0)) {
        s += QStringLiteral("<path d='M160 214q-6 30 6 58' fill='none' stroke='$L' "
                            "stroke-width='4'/>");
    }
    return s + QStringLiteral("</g>");
}

QString drawing(ProductShape shape, const Variant &v)
{
    switch (shape) {
    case ProductShape::Headphones:
        return headphones(v);
    case ProductShape::Earbuds:
        return earbuds(v);
    case ProductShape::Speaker:
        return speaker(v);
    case ProductShape::Soundbar:
        return soundbar(v);
    case ProductShape::Smartwatch:
        return smartwatch(v);
    case ProductShape::FitnessTracker:
        return fitnessTracker(v);
    case ProductShape::Charger:
        return charger(v);
    case ProductShape::Cable:
        return cable(v);
    case ProductShape::PowerBank:
        return powerBank(v);
    case ProductShape::ActionCamera:
        return actionCamera(v);
    case ProductShape::Laptop:
        return laptop(v);
    case ProductShape::GamingLaptop:
        return gamingLaptop(v);
    case ProductShape::Monitor:
        return monitor(v);
    case ProductShape::Keyboard:
        return keyboard(v);
    case ProductShape::Mouse:
        return mouse(v);
    case ProductShape::LaptopBag:
        return laptopBag(v);
    case ProductShape::LaptopStand:
        return laptopStand(v);
    case ProductShape::DockingStation:
        return dockingStation(v);
    case ProductShape::Webcam:
        return webcam(v);
    case ProductShape::ExternalDrive:
        return externalDrive(v);
    case ProductShape::Router:
        return router(v);
    case ProductShape::MeshWifi:
        return meshWifi(v);
    case ProductShape::NetworkSwitch:
        return networkSwitch(v);
    case ProductShape::SmartPlug:
        return smartPlug(v);
    case ProductShape::Bulb:
        return bulb(v);
    case ProductShape::SecurityCamera:
        return securityCamera(v);
    case ProductShape::Doorbell:
        return doorbell(v);
    case ProductShape::Thermostat:
        return thermostat(v);
    case ProductShape::SmartLock:
        return smartLock(v);
    case ProductShape::RangeExtender:
        return rangeExtender(v);
    case ProductShape::Cookware:
        return cookware(v);
    case ProductShape::FryingPan:
        return fryingPan(v);
    case ProductShape::KnifeBlock:
        return knifeBlock(v);
    case ProductShape::CuttingBoard:
        return cuttingBoard(v);
    case ProductShape::MixingBowls:
        return mixingBowls(v);
    case ProductShape::Kettle:
        return kettle(v);
    case ProductShape::CoffeeMaker:
        return coffeeMaker(v);
    case ProductShape::Blender:
        return blender(v);
    case ProductShape::Toaster:
        return toaster(v);
    case ProductShape::FoodContainers:
        return foodContainers(v);
    case ProductShape::OfficeChair:
        return officeChair(v);
    case ProductShape::Desk:
        return desk(v);
    case ProductShape::Bookshelf:
        return bookshelf(v);
    case ProductShape::Sofa:
        return sofa(v);
    case ProductShape::Bed:
        return bed(v);
    case ProductShape::Mattress:
        return mattress(v);
    case ProductShape::TableLamp:
        return tableLamp(v);
    case ProductShape::Rug:
        return rug(v);
    case ProductShape::Curtains:
        return curtains(v);
    case ProductShape::WallClock:
        return wallClock(v);
    case ProductShape::Drill:
        return drill(v);
    case ProductShape::Screwdrivers:
        return screwdrivers(v);
    case ProductShape::Wrenches:
        return wrenches(v);
    case ProductShape::Hammer:
        return hammer(v);
    case ProductShape::Toolbox:
        return toolbox(v);
    case ProductShape::TapeMeasure:
        return tapeMeasure(v);
    case ProductShape::CircularSaw:
        return circularSaw(v);
    case ProductShape::Ladder:
        return ladder(v);
    case ProductShape::WorkLight:
        return workLight(v);
    case ProductShape::Clamp:
        return clamp(v);
    case ProductShape::GardenHose:
        return gardenHose(v);
    case ProductShape::PruningShears:
        return pruningShears(v);
    case ProductShape::LawnMower:
        return lawnMower(v);
    case ProductShape::Plant:
        return plant(v);
    case ProductShape::Grill:
        return grill(v);
    case ProductShape::PatioChair:
        return patioChair(v);
    case ProductShape::SolarLight:
        return solarLight(v);
    case ProductShape::Wheelbarrow:
        return wheelbarrow(v);
    case ProductShape::Sprinkler:
        return sprinkler(v);
    case ProductShape::BirdFeeder:
        return birdFeeder(v);
    case ProductShape::Dumbbell:
        return dumbbell(v);
    case ProductShape::YogaMat:
        return yogaMat(v);
    case ProductShape::ResistanceBand:
        return resistanceBand(v);
    case ProductShape::Treadmill:
        return treadmill(v);
    case ProductShape::ExerciseBike:
        return exerciseBike(v);
    case ProductShape::Kettlebell:
        return kettlebell(v);
    case ProductShape::JumpRope:
        return jumpRope(v);
    case ProductShape::WaterBottle:
        return waterBottle(v);
    case ProductShape::DuffelBag:
        return duffelBag(v);
    case ProductShape::FoamRoller:
        return foamRoller(v);
    case ProductShape::Tent:
        return tent(v);
    case ProductShape::SleepingBag:
        return sleepingBag(v);
    case ProductShape::Backpack:
        return backpack(v);
    case ProductShape::TrekkingPoles:
        return trekkingPoles(v);
    case ProductShape::CampStove:
        return campStove(v);
    case ProductShape::Headlamp:
        return headlamp(v);
    case ProductShape::Cooler:
        return cooler(v);
    case ProductShape::Hammock:
        return hammock(v);
    case ProductShape::Binoculars:
        return binoculars(v);
    case ProductShape::MultiTool:
        return multiTool(v);
    case ProductShape::TShirt:
        return tShirt(v);
    case ProductShape::Jeans:
        return jeans(v);
    case ProductShape::Jacket:
        return jacket(v);
    case ProductShape::Hoodie:
        return hoodie(v);
    case ProductShape::Sweater:
        return sweater(v);
    case ProductShape::DressShirt:
        return dressShirt(v);
    case ProductShape::Shorts:
        return shorts(v);
    case ProductShape::Socks:
        return socks(v);
    case ProductShape::Belt:
        return belt(v);
    case ProductShape::Cap:
        return cap(v);
    case ProductShape::Dress:
        return dress(v);
    case ProductShape::Blouse:
        return blouse(v);
    case ProductShape::Leggings:
        return leggings(v);
    case ProductShape::Skirt:
        return skirt(v);
    case ProductShape::Cardigan:
        return cardigan(v);
    case ProductShape::Coat:
        return coat(v);
    case ProductShape::Scarf:
        return scarf(v);
    case ProductShape::Handbag:
        return handbag(v);
    case ProductShape::Sunglasses:
        return sunglasses(v);
    case ProductShape::Pajamas:
        return pajamas(v);
    case ProductShape::RunningShoe:
        return runningShoe(v);
    case ProductShape::HikingBoot:
        return hikingBoot(v);
    case ProductShape::Sneaker:
        return sneaker(v);
    case ProductShape::Sandal:
        return sandal(v);
    case ProductShape::Loafer:
        return loafer(v);
    case ProductShape::WorkBoot:
        return workBoot(v);
    case ProductShape::Slipper:
        return slipper(v);
    case ProductShape::DressShoe:
        return dressShoe(v);
    case ProductShape::TrailShoe:
        return trailShoe(v);
    case ProductShape::RainBoot:
        return rainBoot(v);
    case ProductShape::HairDryer:
        return hairDryer(v);
    case ProductShape::Toothbrush:
        return toothbrush(v);
    case ProductShape::Shaver:
        return shaver(v);
    case ProductShape::HairStraightener:
        return hairStraightener(v);
    case ProductShape::MakeupBrushes:
        return makeupBrushes(v);
    case ProductShape::Serum:
        return serum(v);
    case ProductShape::CreamJar:
        return creamJar(v);
    case ProductShape::Bottle:
        return bottle(v);
    case ProductShape::Perfume:
        return perfume(v);
    case ProductShape::NailKit:
        return nailKit(v);
    case ProductShape::BloodPressureMonitor:
        return bloodPressureMonitor(v);
    case ProductShape::Thermometer:
        return thermometer(v);
    case ProductShape::FirstAidKit:
        return firstAidKit(v);
    case ProductShape::MassageGun:
        return massageGun(v);
    case ProductShape::HeatingPad:
        return heatingPad(v);
    case ProductShape::PillOrganizer:
        return pillOrganizer(v);
    case ProductShape::BathroomScale:
        return bathroomScale(v);
    case ProductShape::Humidifier:
        return humidifier(v);
    case ProductShape::AirPurifier:
        return airPurifier(v);
    case ProductShape::KneeBrace:
        return kneeBrace(v);
    case ProductShape::CarCharger:
        return carCharger(v);
    case ProductShape::DashCam:
        return dashCam(v);
    case ProductShape::PhoneMount:
        return phoneMount(v);
    case ProductShape::SeatCover:
        return seatCover(v);
    case ProductShape::FloorMat:
        return floorMat(v);
    case ProductShape::TireInflator:
        return tireInflator(v);
    case ProductShape::JumpStarter:
        return jumpStarter(v);
    case ProductShape::CarVacuum:
        return carVacuum(v);
    case ProductShape::WiperBlade:
        return wiperBlade(v);
    case ProductShape::RoofRack:
        return roofRack(v);
    case ProductShape::Notebook:
        return notebook(v);
    case ProductShape::Pens:
        return pens(v);
    case ProductShape::DeskOrganizer:
        return deskOrganizer(v);
    case ProductShape::Stapler:
        return stapler(v);
    case ProductShape::LabelMaker:
        return labelMaker(v);
    case ProductShape::Printer:
        return printer(v);
    case ProductShape::Shredder:
        return shredder(v);
    case ProductShape::Whiteboard:
        return whiteboard(v);
    case ProductShape::FileCabinet:
        return fileCabinet(v);
    case ProductShape::Calculator:
        return calculator(v);
    case ProductShape::DogBed:
        return dogBed(v);
    case ProductShape::CatTree:
        return catTree(v);
    case ProductShape::PetBowl:
        return petBowl(v);
    case ProductShape::Leash:
        return leash(v);
    case ProductShape::DogToy:
        return dogToy(v);
    case ProductShape::LitterBox:
        return litterBox(v);
    case ProductShape::PetCarrier:
        return petCarrier(v);
    case ProductShape::Aquarium:
        return aquarium(v);
    case ProductShape::PetFeeder:
        return petFeeder(v);
    case ProductShape::GroomingKit:
        return groomingKit(v);
    case ProductShape::Bricks:
        return bricks(v);
    case ProductShape::BoardGame:
        return boardGame(v);
    case ProductShape::Puzzle:
        return puzzle(v);
    case ProductShape::RcCar:
        return rcCar(v);
    case ProductShape::Doll:
        return doll(v);
    case ProductShape::ActionFigure:
        return actionFigure(v);
    case ProductShape::TeddyBear:
        return teddyBear(v);
    case ProductShape::Drone:
        return drone(v);
    case ProductShape::ScienceKit:
        return scienceKit(v);
    case ProductShape::PlayingCards:
        return playingCards(v);
    case ProductShape::Stroller:
        return stroller(v);
    case ProductShape::CarSeat:
        return carSeat(v);
    case ProductShape::HighChair:
        return highChair(v);
    case ProductShape::BabyMonitor:
        return babyMonitor(v);
    case ProductShape::Crib:
        return crib(v);
    case ProductShape::DiaperBag:
        return diaperBag(v);
    case ProductShape::BabyBottle:
        return babyBottle(v);
    case ProductShape::PlayMat:
        return playMat(v);
    case ProductShape::KidsBackpack:
        return kidsBackpack(v);
    case ProductShape::Teether:
        return teether(v);
    case ProductShape::Guitar:
        return guitar(v);
    case ProductShape::ElectricGuitar:
        return electricGuitar(v);
    case ProductShape::DigitalPiano:
        return digitalPiano(v);
    case ProductShape::DrumKit:
        return drumKit(v);
    case ProductShape::Microphone:
        return microphone(v);
    case ProductShape::AudioInterface:
        return audioInterface(v);
    case ProductShape::StudioMonitor:
        return studioMonitor(v);
    case ProductShape::Turntable:
        return turntable(v);
    case ProductShape::GuitarAmp:
        return guitarAmp(v);
    case ProductShape::Ukulele:
        return ukulele(v);
    }
    return {};
}

QString backgroundPattern(quint32 bits, const QString &fill)
{
    switch (bits & 3) {
    case 0:
        return QStringLiteral("<circle cx='200' cy='205' r='150' fill='%1'/>").arg(fill);
    case 1:
        // Diagonal stripes, kept inside the canvas for renderers that do not clip the root.
        return QStringLiteral("<path d='M0 120L120 0M0 220L220 0M0 320L320 0M0 400L400 0M100 400"
                              "L400 100M200 400L400 200M300 400L400 300' stroke='%1' "
                              "stroke-width='28'/>")
            .arg(fill);
    case 2: {
        QString dots = QStringLiteral("<g fill='%1'>").arg(fill);
        for (int y = 30; y < 400; y += 56) {
            for (int x = (y / 56) % 2 ? 58 : 30; x < 400; x += 56) {
                dots += QStringLiteral("<circle cx='%1' cy='%2' r='7'/>").arg(x).arg(y);
            }
        }
        return dots + QStringLiteral("</g>");
    }
    default:
        return QStringLiteral("<rect x='56' y='62' width='288' height='288' rx='48' "
                              "fill='%1' transform='rotate(8 200 206)'/>")
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
    QString svg = QStringLiteral("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 400 400' "
                                 "width='400' height='400'>");
    if (!text.isEmpty()) {
        svg += QStringLiteral("<title>") + text + QStringLiteral("</title>");
    }
    svg += QStringLiteral("<rect width='400' height='400' fill='%1'/>").arg(hex(backdrop));
    svg += backgroundPattern(v.bits, hex(patternFill));
    svg += QStringLiteral("<ellipse cx='200' cy='326' rx='124' ry='13' fill='#000' "
                          "fill-opacity='.1'/>");
    svg += QStringLiteral("<g transform='translate(%1 0) rotate(%2 200 210) translate(200 210) "
                          "scale(%3) translate(-200 -210)'>")
               .arg(shift)
               .arg(rotation)
               .arg(scale, 0, 'f', 2);
    svg += body + QStringLiteral("</g>");
    if (!text.isEmpty()) {
        svg += QStringLiteral("<text x='200' y='376' text-anchor='middle' "
                              "font-family='Helvetica,Arial,sans-serif' font-size='17' "
                              "fill='%1'>%2</text>")
                   .arg(hex(mix(backdrop, 0x000000, 0.6)), text);
    }
    svg += QStringLiteral("</svg>");
    const QByteArray bytes = svg.toUtf8();
    if (bytes.size() > 4096) {
        qCWarning(lcMedia) << "product image larger than 4 KB:" << bytes.size() << "bytes";
    }
    return bytes;
}

} // namespace Shop::Demo
