#include "conditional.h"

#include <QCryptographicHash>

#include <algorithm>

namespace Shop::Http {

namespace {

// etagc (RFC 9110 §8.8.3) without obs-text: '!' and '#'..'~', so no '"', no space, no controls.
bool isTagChar(char c)
{
    return c == '!' || (c >= '#' && c <= '~');
}

bool allTagChars(QByteArrayView text)
{
    return std::all_of(text.cbegin(), text.cend(), isTagChar);
}

QByteArrayView opaquePart(QByteArrayView tag)
{
    tag = tag.trimmed();
    return tag.startsWith("W/") ? tag.sliced(2) : tag;
}

} // namespace

QByteArray entityTagFor(QByteArrayView content)
{
    return '"' + QCryptographicHash::hash(content, QCryptographicHash::Sha1).toHex() + '"';
}

QByteArray normalizedEntityTag(QByteArrayView tag)
{
    tag = tag.trimmed();
    const QByteArrayView opaque = tag.startsWith("W/") ? tag.sliced(2) : tag;
    if (opaque.size() >= 2 && opaque.startsWith('"') && opaque.endsWith('"')) {
        return allTagChars(opaque.sliced(1, opaque.size() - 2)) ? tag.toByteArray() : QByteArray();
    }
    if (!tag.isEmpty() && allTagChars(tag)) {
        return '"' + tag.toByteArray() + '"';
    }
    return {};
}

bool ifNoneMatchMatches(QByteArrayView ifNoneMatch, QByteArrayView etag)
{
    if (etag.isEmpty()) {
        return false;
    }
    const QByteArrayView ours = opaquePart(etag);
    qsizetype start = 0;
    while (start <= ifNoneMatch.size()) {
        qsizetype end = ifNoneMatch.indexOf(',', start);
        if (end < 0) {
            end = ifNoneMatch.size();
        }
        const QByteArrayView theirs = ifNoneMatch.sliced(start, end - start).trimmed();
        if (theirs == "*" || (!theirs.isEmpty() && opaquePart(theirs) == ours)) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

Response conditionalResponse(const Request &request, const QByteArray &etag, Response full,
                             const QByteArray &cacheControl)
{
    const QByteArray ifNoneMatch = request.header("if-none-match");
    Response response = !ifNoneMatch.isEmpty() && ifNoneMatchMatches(ifNoneMatch, etag)
        ? Response::bytes({}, {}, 304)
        : std::move(full);
    response.setHeader(QByteArrayLiteral("ETag"), etag);
    if (!cacheControl.isEmpty()) {
        response.setHeader(QByteArrayLiteral("Cache-Control"), cacheControl);
    }
    return response;
}

} // namespace Shop::Http
