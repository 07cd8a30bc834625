#pragma once

#include "error.h"

namespace Shop {

// Collects per-field errors; turns into a Validation error when any were added.
//   Validator v;
//   v.check(limit >= 1 && limit <= 100, u"limit"_s, tr("must be between 1 and 100"));
//   if (auto error = v.error()) return fail(*error);
class Validator final
{
public:
    void add(const QString &field, const QString &message, const QString &code = QString());
    // Adds the message when the condition is false; returns the condition.
    bool check(bool condition, const QString &field, const QString &message);

    [[nodiscard]] bool hasErrors() const { return !m_errors.isEmpty(); }
    [[nodiscard]] bool hasError(const QString &field) const;
    [[nodiscard]] const QList<FieldError> &errors() const { return m_errors; }
    [[nodiscard]] std::optional<Error> error(const QString &message = QString()) const;

private:
    QList<FieldError> m_errors;
};

// The page and limit query parameters of a paged list (?page=2&limit=50).
struct PageParams
{
    int page = 1;
    int limit = 20;
};

// When `key` is "page" or "limit", parses `value` into `params` (a field error in `v` unless it is
// a whole number from 1 to 100,000, or from 1 to `maxLimit` for the limit) and returns true; for
// any other key returns false and changes nothing.
bool takePageParam(QStringView key, QStringView value, PageParams &params, Validator &v,
                   int maxLimit = 100);

// True when the bytes are well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
[[nodiscard]] bool isValidUtf8(QByteArrayView bytes);

// An email address as stores accept it (RFC 5321 limits, the common "addr-spec" subset SendGrid
// and mail servers take): local@domain, at most 254 characters, a local part of 1 to 64 characters
// from letters, digits and !#$%&'*+/=?^_`{|}~.- (no leading, trailing or doubled dot), a domain of
// at least two dot-separated labels of letters, digits and inner hyphens (1 to 63 characters
// each), non-ASCII letters allowed (internationalized addresses). No spaces, quotes, comments,
// angle brackets or IP literals.
[[nodiscard]] bool isValidEmail(QStringView address);

// A URL slug: 1 to 100 characters of a-z, 0-9 and single hyphens, not starting or ending with one.
[[nodiscard]] bool isValidSlug(QStringView slug);

// Turns "Men's Clothing & Shoes" into "mens-clothing-and-shoes".
[[nodiscard]] QString slugify(QStringView text);

} // namespace Shop
