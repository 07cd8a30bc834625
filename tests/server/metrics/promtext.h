#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Shop::Tests {

// A strict reader of the Prometheus text exposition format 0.0.4, written from the format's
// description (not from our renderer), for tests of GET /metrics:
// - every line ends with \n; no blank lines; comments are "# HELP name text", "# TYPE name type"
//   (counter, gauge, histogram, summary, untyped) or other "# ..." text;
// - metric and label names match [a-zA-Z_:][a-zA-Z0-9_:]* and [a-zA-Z_][a-zA-Z0-9_]*; label
//   values are double-quoted with only \\, \" and \n escapes; no label twice in one sample;
// - a value is a Go float (digits, exponent, +Inf, -Inf, NaN), an optional timestamp an integer;
// - HELP and TYPE at most once per family, TYPE before the family's first sample, a family's
//   samples in one block, no series (name and labels) twice, every sample in a family with a TYPE;
// - counters named *_total (our convention) with values >= 0;
// - histograms: per label set, _bucket samples with an "le" label in increasing order ending with
//   le="+Inf", cumulative counts never decreasing, +Inf == _count, and a _sum.
struct PromSample
{
    QByteArray name;
    QMap<QByteArray, QString> labels;
    double value = 0;
};

struct PromFamily
{
    QByteArray type;
    QString help;
    QList<PromSample> samples;
};

class PromText final
{
public:
    // Parses `text`; nullopt with `error` saying which line broke which rule.
    [[nodiscard]] static std::optional<PromText> parse(const QByteArray &text, QString *error);

    [[nodiscard]] const QMap<QByteArray, PromFamily> &families() const { return m_families; }
    // The value of the sample `name` whose labels include all of `labels`; nullopt when there is
    // no such sample, the sum when several match.
    [[nodiscard]] std::optional<double> value(const QByteArray &name,
                                              const QMap<QByteArray, QString> &labels = {}) const;

private:
    QMap<QByteArray, PromFamily> m_families;
};

} // namespace Shop::Tests
