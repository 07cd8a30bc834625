#pragma once

// What the staff's catalog tests over HTTP share (tst_admincatalog, tst_adminstock): the whole
// server on the orders tests' fixture (real PostgreSQL, real sockets, its mail sandbox), an admin
// and a customer with signed tokens, requests sent as that admin, products made through the API,
// the audit log, and a way to start requests together. A test class derives from
// AdminCatalogFixture (a QObject): QtTest runs the base's initTestCase and cleanupTestCase for it,
// and its test functions read the members as their own.

#include "../orders/orderfixture.h"
#include "race.h"

#include <QLoggingCategory>
#include <QObject>
#include <QTest>

#include <functional>
#include <vector>

namespace Shop::Tests {

inline const QByteArray kUnknownId = "00000000-0000-4000-8000-000000000000";

inline QString describe(const HttpReply &reply)
{
    return QString::number(reply.status) + u' ' + QString::fromUtf8(reply.body.left(600));
}

class AdminCatalogFixture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The server with 8 database connections (for the concurrent requests), an admin and a
    // customer.
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(
            QStringLiteral("shop.http.access.info=false\nshop.orders.*.info=false\n"
                           "shop.catalog.admin.info=false"));
        const QString error = f.start(8);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_admin = f.customer(QStringLiteral("admin"));
        m_customer = f.customer();
    }

    void cleanupTestCase() { f.stop(); }

protected:
    HttpReply send(const QByteArray &method, const QByteArray &path, const QJsonObject &body = {},
                   const Headers &extra = {}) const
    {
        Headers headers {{"Authorization", "Bearer " + m_admin.token}};
        headers += extra;
        if (method == "POST" || method == "PUT") {
            headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
            return f.server().request(method, path, headers, OrderFixture::json(body), 60000);
        }
        return f.server().request(method, path, headers, {}, 60000);
    }

    static QJsonObject validProduct(const QString &sku)
    {
        return {{QStringLiteral("sku"), sku},
                {QStringLiteral("name"), QStringLiteral("Enamel mug")},
                {QStringLiteral("description"), QStringLiteral("A mug.\nEnamel.")},
                {QStringLiteral("price"), 1299},
                {QStringLiteral("currency"), QStringLiteral("USD")},
                {QStringLiteral("brand"), QStringLiteral("Acme")},
                {QStringLiteral("image_url"), QStringLiteral("/media/products/mug.svg")},
                {QStringLiteral("stock_quantity"), 10}};
    }

    QString newSku() { return QStringLiteral("ADM-%1").arg(++m_counter); }

    // A product made through the API: its JSON.
    QJsonObject createdProduct(QJsonObject body = {})
    {
        QJsonObject product = validProduct(newSku());
        for (auto it = body.begin(); it != body.end(); ++it) {
            product.insert(it.key(), it.value());
        }
        const HttpReply reply = send("POST", "/api/products", product);
        if (reply.status != 201) {
            qWarning() << "create product:" << describe(reply);
            return {};
        }
        return reply.json();
    }

    qint64 auditCount() const { return f.scalar(QStringLiteral("SELECT count(*) FROM audit_log")); }

    // The audit entry of the latest action on a target: {action, before, after}.
    QJsonObject lastAudit(const QString &targetId) const
    {
        const QString text = f.scalarText(
            QStringLiteral("SELECT json_build_object('action', action, 'before', before, "
                           "'after', after, 'actor', actor_id, 'email', actor_email)::text FROM "
                           "audit_log WHERE target_id = ? ORDER BY id DESC LIMIT 1"),
            {targetId});
        return QJsonDocument::fromJson(text.toUtf8()).object();
    }

    OrderFixture f;
    Customer m_admin;
    Customer m_customer;
    int m_counter = 0;
};

} // namespace Shop::Tests
