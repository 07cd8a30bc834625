#include "csvreader.h"

#include <QBuffer>
#include <QTest>

using namespace Shop;
using namespace Qt::StringLiterals;

class TestCsvReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void records_data();
    void records();
    void errors_data();
    void errors();
    void lineNumbersCountEmbeddedNewlines();
};

namespace {

QList<QStringList> readAll(const QByteArray &text, QString *error = nullptr)
{
    QBuffer buffer;
    buffer.setData(text);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QList<QStringList> records;
    while (auto record = reader.next()) {
        if (!record->has_value()) {
            if (error) {
                *error = record->error().message;
            }
            return records;
        }
        records.append(**record);
    }
    return records;
}

} // namespace

void TestCsvReader::records_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<QStringList>>("expected");

    QTest::newRow("plain") << QByteArray("a,b,c\n1,2,3\n")
                           << QList<QStringList> {{u"a"_s, u"b"_s, u"c"_s},
                                                  {u"1"_s, u"2"_s, u"3"_s}};
    QTest::newRow("no final newline")
        << QByteArray("a,b\n1,2") << QList<QStringList> {{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}};
    QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n")
                          << QList<QStringList> {{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}};
    QTest::newRow("quoted comma") << QByteArray("\"x, y\",z\n")
                                  << QList<QStringList> {{u"x, y"_s, u"z"_s}};
    QTest::newRow("escaped quote")
        << QByteArray("\"say \"\"hi\"\"\",z\n") << QList<QStringList> {{u"say \"hi\""_s, u"z"_s}};
    QTest::newRow("embedded newline")
        << QByteArray("\"line1\nline2\",z\nnext,row\n")
        << QList<QStringList> {{u"line1\nline2"_s, u"z"_s}, {u"next"_s, u"row"_s}};
    QTest::newRow("empty fields") << QByteArray(",,\n") << QList<QStringList> {{{}, {}, {}}};
    QTest::newRow("empty quoted") << QByteArray("\"\",a\n") << QList<QStringList> {{{}, u"a"_s}};
    QTest::newRow("blank lines skipped")
        << QByteArray("a\n\nb\n") << QList<QStringList> {{u"a"_s}, {u"b"_s}};
    QTest::newRow("utf8") << QByteArray("K\xc3\xbc"
                                        "che,\xe2\x82\xac\n")
                          << QList<QStringList> {{u"Küche"_s, u"€"_s}};
    QTest::newRow("empty input") << QByteArray() << QList<QStringList> {};
}

void TestCsvReader::records()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<QStringList>, expected);
    QString error;
    QCOMPARE(readAll(text, &error), expected);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestCsvReader::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("unclosed quote") << QByteArray("a\n\"open,b\nc\n") << u"line 2"_s;
    QTest::newRow("quote in field") << QByteArray("a\nab\"c\n") << u"line 2"_s;
    QTest::newRow("text after quote") << QByteArray("a\n\"x\"y\n") << u"line 2"_s;
    QTest::newRow("invalid utf8") << QByteArray("a\nb\n\xff\n") << u"line 3"_s;
}

void TestCsvReader::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, messageStart);
    QString error;
    readAll(text, &error);
    QVERIFY2(error.startsWith(messageStart), qPrintable(error));
}

void TestCsvReader::lineNumbersCountEmbeddedNewlines()
{
    QBuffer buffer;
    buffer.setData("h\n\"a\nb\nc\"\nsecond\n");
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QVERIFY(reader.next().has_value());
    QCOMPARE(reader.recordLine(), 1);
    QVERIFY(reader.next().has_value());
    QCOMPARE(reader.recordLine(), 2);
    const auto last = reader.next();
    QVERIFY(last.has_value() && last->has_value());
    QCOMPARE(reader.recordLine(), 5);
    QCOMPARE((**last).first(), u"second"_s);
    QVERIFY(!reader.next().has_value());
    QCOMPARE(reader.bytesRead(), buffer.size());
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
