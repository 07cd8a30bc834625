#include "commerce/ordernumber.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace Shop;
using namespace Shop::Commerce;
using namespace Qt::StringLiterals;

class TestOrderNumber final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void format_data();
    void format();
    void refusedInputs_data();
    void refusedInputs();
    void normalizesTypedInput_data();
    void normalizesTypedInput();
    void invalidNumbers_data();
    void invalidNumbers();
    void uniqueAndShort();
    void checkCharacterCatchesTypos();
};

namespace {

const QDate kDate(2026, 12, 5);
constexpr qint64 kMax = std::numeric_limits<qint64>::max();
const QString kAlphabet = u"0123456789ABCDEFGHJKMNPQRSTVWXYZ"_s;

} // namespace

void TestOrderNumber::format_data()
{
    QTest::addColumn<qint64>("sequence");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("code"); // the part after the date, without the check character

    QTest::newRow("1") << qint64(1) << kDate << u"00001"_s;
    QTest::newRow("31") << qint64(31) << kDate << u"0000Z"_s;
    QTest::newRow("32") << qint64(32) << kDate << u"00010"_s;
    QTest::newRow("123") << qint64(123) << kDate << u"0003V"_s;
    QTest::newRow("32^5 - 1") << qint64(33554431) << kDate << u"ZZZZZ"_s;
    QTest::newRow("32^5") << qint64(33554432) << kDate << u"100000"_s;
    QTest::newRow("largest") << kMax << QDate(9999, 12, 31) << u"7ZZZZZZZZZZZZ"_s;
    QTest::newRow("year 1000") << qint64(7) << QDate(1000, 1, 1) << u"00007"_s;
}

void TestOrderNumber::format()
{
    QFETCH(qint64, sequence);
    QFETCH(QDate, date);
    QFETCH(QString, code);
    const QString number = formatOrderNumber(sequence, date);
    const QString prefix = u"SO-"_s + date.toString(u"yyyyMMdd"_s) + u'-' + code;
    QVERIFY2(number.startsWith(prefix), qPrintable(number));
    QCOMPARE(number.size(), prefix.size() + 1);
    QVERIFY(kAlphabet.contains(number.back()));
    QVERIFY(number.size() <= 32);
    QVERIFY(isValidOrderNumber(number));
    QCOMPARE(normalizeOrderNumber(number), std::optional(number));
    QCOMPARE(orderNumberSequence(number), std::optional(sequence));
}

void TestOrderNumber::refusedInputs_data()
{
    QTest::addColumn<qint64>("sequence");
    QTest::addColumn<QDate>("date");
    QTest::newRow("zero") << qint64(0) << kDate;
    QTest::newRow("negative") << qint64(-5) << kDate;
    QTest::newRow("most negative") << std::numeric_limits<qint64>::min() << kDate;
    QTest::newRow("invalid date") << qint64(1) << QDate();
    QTest::newRow("year 999") << qint64(1) << QDate(999, 12, 31);
    QTest::newRow("year 10000") << qint64(1) << QDate(10000, 1, 1);
}

void TestOrderNumber::refusedInputs()
{
    QFETCH(qint64, sequence);
    QFETCH(QDate, date);
    QCOMPARE(formatOrderNumber(sequence, date), QString());
}

void TestOrderNumber::normalizesTypedInput_data()
{
    QTest::addColumn<QString>("typed");
    const QString number = formatOrderNumber(123, kDate);
    const QString code = number.mid(12);
    QTest::newRow("exact") << number;
    QTest::newRow("lower case") << number.toLower();
    QTest::newRow("spaces around") << u"  "_s + number + u"\t"_s;
    QTest::newRow("O for 0") << number.left(12) + QString(code).replace(u'0', u'O');
    QTest::newRow("o for 0") << number.left(12) + QString(code).replace(u'0', u'o');
}

void TestOrderNumber::normalizesTypedInput()
{
    QFETCH(QString, typed);
    QCOMPARE(normalizeOrderNumber(typed), std::optional(formatOrderNumber(123, kDate)));
    QVERIFY(isValidOrderNumber(typed));
    QCOMPARE(orderNumberSequence(typed), std::optional(qint64(123)));

    // I and L read as 1.
    const QString one = formatOrderNumber(1, kDate);
    QCOMPARE(normalizeOrderNumber(QString(one.left(16) + u'I' + one.mid(17))), std::optional(one));
    QCOMPARE(normalizeOrderNumber(QString(one.left(16) + u'l' + one.mid(17))), std::optional(one));
}

void TestOrderNumber::invalidNumbers_data()
{
    QTest::addColumn<QString>("text");
    const QString good = formatOrderNumber(123, kDate); // SO-20261205-0003V?
    QTest::newRow("empty") << QString();
    QTest::newRow("prefix only") << u"SO-"_s;
    QTest::newRow("no check character") << good.chopped(1);
    QTest::newRow("extra character") << good + u'0';
    QTest::newRow("wrong prefix") << u"SX"_s + good.mid(2);
    QTest::newRow("no dashes") << QString(good).remove(u'-');
    QTest::newRow("impossible date") << good.left(3) + u"20261305"_s + good.mid(11);
    QTest::newRow("letters in the date") << good.left(3) + u"2026120A"_s + good.mid(11);
    QTest::newRow("U is not a digit") << good.left(12) + u"U"_s + good.mid(13);
    QTest::newRow("punctuation") << good.left(12) + u"*"_s + good.mid(13);
    QTest::newRow("all zeros") << u"SO-20261205-00000"_s + u'0';
    QTest::newRow("padded beyond five digits") << good.left(12) + u'0' + good.mid(12);
    QTest::newRow("beyond qint64") << u"SO-20261205-8000000000000"_s + u'0';
    QTest::newRow("too long") << u"SO-20261205-"_s + QString(20, u'1');
    QTest::newRow("inner space") << good.left(12) + u' ' + good.mid(12);
}

void TestOrderNumber::invalidNumbers()
{
    QFETCH(QString, text);
    QVERIFY(!isValidOrderNumber(text));
    QCOMPARE(normalizeOrderNumber(text), std::nullopt);
    QCOMPARE(orderNumberSequence(text), std::nullopt);
}

void TestOrderNumber::uniqueAndShort()
{
    QSet<QString> seen;
    QSet<QString> codes; // without the date: unique by the sequence value alone
    const QList<QDate> dates {kDate, kDate.addDays(1), QDate(2030, 2, 28)};
    for (qint64 sequence = 1; sequence <= 30000; ++sequence) {
        const QString number = formatOrderNumber(sequence, dates[sequence % dates.size()]);
        QVERIFY(!seen.contains(number));
        seen.insert(number);
        codes.insert(number.mid(12));
        QVERIFY(number.size() <= 32);
    }
    QCOMPARE(codes.size(), 30000);
    QRandomGenerator random(42);
    for (int i = 0; i < 20000; ++i) {
        const qint64 sequence = qint64(random.generate64() >> (1 + random.bounded(60)));
        if (sequence < 1) {
            continue;
        }
        const QString number = formatOrderNumber(sequence, kDate);
        QVERIFY(number.size() <= 26);
        QCOMPARE(orderNumberSequence(number), std::optional(sequence));
    }
    // No look-alikes in any number: the alphabet has no I, L, O or U.
    for (const QString &number : std::as_const(seen)) {
        for (const QChar c : QStringView(number).mid(3)) {
            QVERIFY(c != u'I' && c != u'L' && c != u'O' && c != u'U');
        }
    }
}

void TestOrderNumber::checkCharacterCatchesTypos()
{
    QRandomGenerator random(7);
    for (int round = 0; round < 200; ++round) {
        const qint64 sequence = 1 + qint64(random.bounded(1 << 30));
        const QString number = formatOrderNumber(sequence, kDate.addDays(random.bounded(3000)));
        // Positions that hold digits: the date and the code with its check character.
        QList<qsizetype> positions;
        for (qsizetype i = 3; i < number.size(); ++i) {
            if (number[i] != u'-') {
                positions.append(i);
            }
        }
        // Every single substitution with another character of the alphabet is caught. (A wrong
        // digit in the date may still make a valid date; the check character catches it anyway.)
        for (const qsizetype i : positions) {
            const bool inDate = i < 11;
            for (const QChar c : kAlphabet) {
                if (c == number[i] || (inDate && !c.isDigit())) {
                    continue;
                }
                QString typo = number;
                typo[i] = c;
                QVERIFY2(!isValidOrderNumber(typo), qPrintable(number + u" -> "_s + typo));
            }
        }
        // Every swap of two different adjacent characters is caught, but 0 <-> Z (Luhn mod N's
        // one blind spot, documented).
        for (qsizetype k = 0; k + 1 < positions.size(); ++k) {
            const qsizetype i = positions[k];
            const qsizetype j = positions[k + 1];
            if (j != i + 1 || number[i] == number[j]) {
                continue;
            }
            const QString pair = QString(number[i]) + number[j];
            if (pair == u"0Z" || pair == u"Z0") {
                continue;
            }
            QString swapped = number;
            std::swap(swapped[i], swapped[j]);
            QVERIFY2(!isValidOrderNumber(swapped), qPrintable(number + u" -> "_s + swapped));
        }
    }
}

QTEST_APPLESS_MAIN(TestOrderNumber)
#include "tst_ordernumber.moc"
