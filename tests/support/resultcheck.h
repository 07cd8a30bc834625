#pragma once

#include "error.h"

#include <QByteArray>
#include <QTest>

namespace Shop::Tests {

// The error message of a failed Result, empty for a value. QVERIFY2 evaluates its message even
// when the check passes, so never write QVERIFY2(r, qPrintable(r.error().message)) for a Result
// that may hold a value; write SHOP_VERIFY_OK(r) instead.
template<typename T>
[[nodiscard]] QByteArray errorText(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toLocal8Bit();
}

} // namespace Shop::Tests

// The one check that a Result holds a value: fails the test function with the error's code and
// message otherwise. Every test uses it (server, core, client and app tests alike).
#define SHOP_VERIFY_OK(result) QVERIFY2(bool(result), Shop::Tests::errorText(result).constData())
