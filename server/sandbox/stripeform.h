#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Shop::Sandbox {

// Stripe's request parameters: application/x-www-form-urlencoded pairs whose keys nest with
// brackets ("metadata[order_id]", "payment_method_data[card][number]", "enabled_events[]" or
// "enabled_events[0]"). Kept as the decoded flat pairs in request order; the accessors read the
// nesting. The same parser reads a GET's query string.
class StripeParams final
{
public:
    // Decodes `encoded` ('+' is a space, %XX escapes, UTF-8). nullopt when a key is not of the
    // form name([key])*, is empty, or a name or value is not valid UTF-8; `why` says which.
    [[nodiscard]] static std::optional<StripeParams> parse(const QByteArray &encoded,
                                                           QString *why = nullptr);

    [[nodiscard]] bool has(const QString &key) const;
    // The last value of a key ("" when absent; use has() to tell absent from empty).
    [[nodiscard]] QString value(const QString &key) const;
    // "name[]" and "name[N]" values in order.
    [[nodiscard]] QStringList list(const QString &name) const;
    // The children of "name[child]" (one level, the last value of each).
    [[nodiscard]] QMap<QString, QString> children(const QString &name) const;
    // Every key's root name ("metadata" for "metadata[x]"), each once.
    [[nodiscard]] QStringList rootNames() const;
    // Keys under `root` ("payment_method_data[card][number]" for "payment_method_data").
    [[nodiscard]] QStringList keysUnder(const QString &root) const;
    // Order-independent rendering of every pair, for comparing two requests' parameters.
    [[nodiscard]] QByteArray canonical() const;
    [[nodiscard]] bool isEmpty() const { return m_pairs.isEmpty(); }

    // "name[a][b]" → {"name", "a", "b"}; "name[]" → {"name", ""}.
    [[nodiscard]] static QStringList splitKey(const QString &key);

private:
    QList<std::pair<QString, QString>> m_pairs;
};

} // namespace Shop::Sandbox
