#include "promtext.h"

#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <limits>

namespace Shop::Tests {

namespace {

bool isMetricName(QByteArrayView name)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    return re.match(QString::fromLatin1(name)).hasMatch();
}

bool isLabelName(QByteArrayView name)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    return re.match(QString::fromLatin1(name)).hasMatch();
}

std::optional<double> parseValue(const QByteArray &text)
{
    if (text == "+Inf" || text == "Inf") {
        return std::numeric_limits<double>::infinity();
    }
    if (text == "-Inf") {
        return -std::numeric_limits<double>::infinity();
    }
    if (text == "NaN") {
        return std::numeric_limits<double>::quiet_NaN();
    }
    static const QRegularExpression re(
        QStringLiteral("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$"));
    if (!re.match(QString::fromLatin1(text)).hasMatch()) {
        return std::nullopt;
    }
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

// The family a sample belongs to: itself, or for _bucket/_sum/_count (histograms, summaries)
// the name without the suffix when such a family is declared.
QByteArray familyOf(const QByteArray &name, const QMap<QByteArray, PromFamily> &families)
{
    if (families.contains(name)) {
        return name;
    }
    for (const char *suffix : {"_bucket", "_sum", "_count"}) {
        if (name.endsWith(suffix)) {
            const QByteArray base = name.left(name.size() - qsizetype(qstrlen(suffix)));
            const auto it = families.constFind(base);
            if (it != families.constEnd() && (it->type == "histogram" || it->type == "summary")) {
                return base;
            }
        }
    }
    return name;
}

QString seriesKey(const PromSample &s, bool withoutLe)
{
    QString key = QString::fromLatin1(s.name);
    for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it) {
        if (withoutLe && it.key() == "le") {
            continue;
        }
        key += u'\x1f' + QString::fromLatin1(it.key()) + u'=' + it.value();
    }
    return key;
}

} // namespace

std::optional<PromText> PromText::parse(const QByteArray &text, QString *error)
{
    auto failAt = [error](int line, const QString &why) -> std::optional<PromText> {
        if (error) {
            *error = QStringLiteral("line %1: %2").arg(line).arg(why);
        }
        return std::nullopt;
    };
    if (text.isEmpty() || !text.endsWith('\n')) {
        return failAt(0, QStringLiteral("the text must end with a line feed"));
    }
    PromText out;
    QSet<QByteArray> helped;
    QSet<QByteArray> closed; // families whose block has ended
    QSet<QString> series;
    QByteArray current; // the family of the block being read
    const QList<QByteArray> lines = text.left(text.size() - 1).split('\n');
    int number = 0;
    for (const QByteArray &line : lines) {
        ++number;
        if (line.isEmpty()) {
            return failAt(number, QStringLiteral("empty line"));
        }
        if (line.startsWith('#')) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() >= 3 && parts.at(0) == "#"
                && (parts.at(1) == "HELP" || parts.at(1) == "TYPE")) {
                const QByteArray name = parts.at(2);
                if (!isMetricName(name)) {
                    return failAt(number, QStringLiteral("bad metric name in a comment"));
                }
                if (current != name && !current.isEmpty()) {
                    closed.insert(current);
                }
                if (closed.contains(name)) {
                    return failAt(number,
                                  QStringLiteral("%1 comes back after its block ended")
                                      .arg(QString::fromLatin1(name)));
                }
                current = name;
                PromFamily &family = out.m_families[name];
                const QByteArray rest = line.mid(qsizetype(8 + name.size()));
                if (parts.at(1) == "HELP") {
                    if (helped.contains(name)) {
                        return failAt(number, QStringLiteral("second HELP"));
                    }
                    helped.insert(name);
                    // Only \\ and \n escapes.
                    for (qsizetype i = 0; i < rest.size(); ++i) {
                        if (rest.at(i) == '\\') {
                            if (i + 1 >= rest.size()
                                || (rest.at(i + 1) != '\\' && rest.at(i + 1) != 'n')) {
                                return failAt(number, QStringLiteral("bad escape in HELP"));
                            }
                            ++i;
                        }
                    }
                    family.help = QString::fromUtf8(rest);
                } else {
                    if (!family.type.isEmpty()) {
                        return failAt(number, QStringLiteral("second TYPE"));
                    }
                    if (!family.samples.isEmpty()) {
                        return failAt(number, QStringLiteral("TYPE after samples"));
                    }
                    static const QSet<QByteArray> types {"counter", "gauge", "histogram", "summary",
                                                         "untyped"};
                    if (parts.size() != 4 || !types.contains(parts.at(3))) {
                        return failAt(number, QStringLiteral("bad TYPE line"));
                    }
                    family.type = parts.at(3);
                }
            }
            continue; // another comment
        }

        // name{labels} value [timestamp]
        PromSample sample;
        qsizetype i = 0;
        while (i < line.size() && line.at(i) != '{' && line.at(i) != ' ') {
            ++i;
        }
        sample.name = line.left(i);
        if (!isMetricName(sample.name)) {
            return failAt(number, QStringLiteral("bad metric name"));
        }
        if (i < line.size() && line.at(i) == '{') {
            ++i;
            while (true) {
                if (i < line.size() && line.at(i) == '}') {
                    ++i;
                    break;
                }
                qsizetype eq = line.indexOf('=', i);
                if (eq < 0) {
                    return failAt(number, QStringLiteral("label without ="));
                }
                const QByteArray labelName = line.mid(i, eq - i);
                if (!isLabelName(labelName)) {
                    return failAt(number,
                                  QStringLiteral("bad label name \"%1\"")
                                      .arg(QString::fromLatin1(labelName)));
                }
                i = eq + 1;
                if (i >= line.size() || line.at(i) != '"') {
                    return failAt(number, QStringLiteral("label value not quoted"));
                }
                ++i;
                QByteArray value;
                bool ended = false;
                while (i < line.size()) {
                    const char c = line.at(i);
                    if (c == '\\') {
                        if (i + 1 >= line.size()) {
                            return failAt(number, QStringLiteral("dangling backslash"));
                        }
                        const char e = line.at(i + 1);
                        if (e == '\\') {
                            value += '\\';
                        } else if (e == '"') {
                            value += '"';
                        } else if (e == 'n') {
                            value += '\n';
                        } else {
                            return failAt(number, QStringLiteral("bad escape in label value"));
                        }
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        ended = true;
                        ++i;
                        break;
                    }
                    value += c;
                    ++i;
                }
                if (!ended) {
                    return failAt(number, QStringLiteral("unterminated label value"));
                }
                if (sample.labels.contains(labelName)) {
                    return failAt(number, QStringLiteral("label twice"));
                }
                sample.labels.insert(labelName, QString::fromUtf8(value));
                if (i < line.size() && line.at(i) == ',') {
                    ++i;
                    continue; // a trailing comma before } is allowed by the format
                }
                if (i < line.size() && line.at(i) == '}') {
                    ++i;
                    break;
                }
                return failAt(number, QStringLiteral("expected , or } after a label"));
            }
        }
        if (i >= line.size() || line.at(i) != ' ') {
            return failAt(number, QStringLiteral("expected a space before the value"));
        }
        const QList<QByteArray> rest = line.mid(i + 1).split(' ');
        if (rest.isEmpty() || rest.size() > 2) {
            return failAt(number, QStringLiteral("expected value [timestamp]"));
        }
        const std::optional<double> value = parseValue(rest.at(0));
        if (!value) {
            return failAt(number,
                          QStringLiteral("bad value \"%1\"").arg(QString::fromLatin1(rest.at(0))));
        }
        if (rest.size() == 2) {
            bool ok = false;
            rest.at(1).toLongLong(&ok);
            if (!ok) {
                return failAt(number, QStringLiteral("bad timestamp"));
            }
        }
        sample.value = *value;

        const QByteArray familyName = familyOf(sample.name, out.m_families);
        auto family = out.m_families.find(familyName);
        if (family == out.m_families.end() || family->type.isEmpty()) {
            return failAt(number,
                          QStringLiteral("sample %1 before (or without) its TYPE")
                              .arg(QString::fromLatin1(sample.name)));
        }
        if (familyName != current) {
            return failAt(number,
                          QStringLiteral("sample %1 outside its family's block")
                              .arg(QString::fromLatin1(sample.name)));
        }
        const QString key = seriesKey(sample, false);
        if (series.contains(key)) {
            return failAt(number, QStringLiteral("series twice: %1").arg(key));
        }
        series.insert(key);
        if (family->type == "counter") {
            if (!sample.name.endsWith("_total")) {
                return failAt(number, QStringLiteral("counter not named *_total"));
            }
            if (!(sample.value >= 0)) {
                return failAt(number, QStringLiteral("negative counter"));
            }
        }
        if (family->type == "histogram") {
            const bool bucket = sample.name == familyName + "_bucket";
            if (!bucket && sample.name != familyName + "_sum"
                && sample.name != familyName + "_count") {
                return failAt(number, QStringLiteral("histogram sample not _bucket/_sum/_count"));
            }
            if (bucket != sample.labels.contains("le")) {
                return failAt(number, QStringLiteral("le on a non-bucket or a bucket without le"));
            }
        }
        family->samples.append(sample);
    }

    // Histogram invariants, per label set.
    for (auto f = out.m_families.cbegin(); f != out.m_families.cend(); ++f) {
        if (f->type != "histogram") {
            continue;
        }
        struct Series
        {
            QList<std::pair<double, double>> buckets; // le, count in order of appearance
            std::optional<double> count;
            std::optional<double> sum;
        };
        QMap<QString, Series> byLabels;
        for (const PromSample &s : f->samples) {
            PromSample base = s;
            base.name = f.key();
            Series &series_ = byLabels[seriesKey(base, true)];
            if (s.name.endsWith("_bucket")) {
                const std::optional<double> le = parseValue(s.labels.value("le").toLatin1());
                if (!le) {
                    return failAt(0,
                                  QStringLiteral("%1: bad le").arg(QString::fromLatin1(f.key())));
                }
                series_.buckets.append({*le, s.value});
            } else if (s.name.endsWith("_count")) {
                series_.count = s.value;
            } else {
                series_.sum = s.value;
            }
        }
        for (auto it = byLabels.cbegin(); it != byLabels.cend(); ++it) {
            const Series &s = *it;
            const QString where = it.key();
            if (s.buckets.isEmpty() || !s.count || !s.sum) {
                return failAt(0, QStringLiteral("%1: buckets, _count or _sum missing").arg(where));
            }
            for (qsizetype i = 1; i < s.buckets.size(); ++i) {
                if (!(s.buckets.at(i).first > s.buckets.at(i - 1).first)) {
                    return failAt(0, QStringLiteral("%1: le not increasing").arg(where));
                }
                if (s.buckets.at(i).second < s.buckets.at(i - 1).second) {
                    return failAt(0, QStringLiteral("%1: buckets not cumulative").arg(where));
                }
            }
            if (!std::isinf(s.buckets.last().first) || s.buckets.last().first < 0) {
                return failAt(0, QStringLiteral("%1: no le=\"+Inf\" bucket last").arg(where));
            }
            if (s.buckets.last().second != *s.count) {
                return failAt(0, QStringLiteral("%1: +Inf bucket != _count").arg(where));
            }
        }
    }
    return out;
}

std::optional<double> PromText::value(const QByteArray &name,
                                      const QMap<QByteArray, QString> &labels) const
{
    std::optional<double> total;
    for (const PromFamily &family : m_families) {
        for (const PromSample &s : family.samples) {
            if (s.name != name) {
                continue;
            }
            bool matches = true;
            for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
                if (s.labels.value(it.key()) != it.value() || !s.labels.contains(it.key())) {
                    matches = false;
                    break;
                }
            }
            if (matches) {
                total = total.value_or(0) + s.value;
            }
        }
    }
    return total;
}

} // namespace Shop::Tests
