#include "callwaiter.h"
#include "client/adminusersclient.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "support/fakeaccountsserver.h"
#include "support/resultcheck.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Shop;
using namespace Shop::Client;
using Tests::CallWaiter;
using Tests::FakeAccountsServer;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");
const QString kAdmin = QStringLiteral("root@example.com");

struct Console
{
    explicit Console(const QUrl &server)
        : session(&api, nullptr)
        , users(&api)
    {
        api.setBaseUrl(server);
    }
    [[nodiscard]] bool signIn(const QString &email)
    {
        CallWaiter<User> waiter;
        session.signIn(email, kPassword, false, nullptr, waiter.callback());
        return waiter.wait() && waiter.result->has_value();
    }
    ApiClient api;
    AuthSession session;
    AdminUsersClient users;
};

} // namespace

// The admin's customer calls (AdminUsersClient) against the fake accounts server: the query
// strings, paging, details with addresses, status and role changes with their audit entries, the
// refusals (a customer: 403; changing oneself: 409).
class TestAdminUsersClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void queryStrings();
    void listsSearchesAndPages();
    void detailsWithAddresses();
    void deactivatingLocksTheCustomerOut();
    void roleChangeAndAudit();
    void adminsCannotChangeThemselves();
    void customersAreRefused();

private:
    FakeAccountsServer m_server;
    QString m_adminId;
    QString m_customerId;
};

void TestAdminUsersClient::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_adminId = m_server.addUser(kAdmin, kPassword, QStringLiteral("admin"), QStringLiteral("Root"),
                                 QStringLiteral("Admin"));
    m_customerId = m_server.addUser(QStringLiteral("ada@example.com"), kPassword);
    for (int i = 0; i < 25; ++i) {
        m_server.addUser(QStringLiteral("customer%1@example.com").arg(i, 2, 10, QLatin1Char('0')),
                         kPassword, QStringLiteral("user"), QStringLiteral("Customer"),
                         QString::number(i));
    }
}

void TestAdminUsersClient::queryStrings()
{
    UserFilter users;
    users.search = QStringLiteral(" a+b&c ");
    users.role = QStringLiteral("admin");
    users.status = QStringLiteral("inactive");
    users.page = 2;
    QCOMPARE(users.toQueryString(),
             QByteArray("search=a%2Bb%26c&role=admin&status=inactive&page=2&limit=20"));
    QCOMPARE(UserFilter {}.toQueryString(), QByteArray("page=1&limit=20"));
    AuditFilter audit;
    audit.actor = QStringLiteral("u1");
    audit.from = QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
    audit.limit = 50;
    QCOMPARE(audit.toQueryString(),
             QByteArray("actor=u1&from=2026-12-01T08%3A00%3A00Z&page=1&limit=50"));
}

void TestAdminUsersClient::listsSearchesAndPages()
{
    Console console(m_server.baseUrl());
    QVERIFY(console.signIn(kAdmin));
    CallWaiter<Page<User>> all;
    UserFilter filter;
    filter.search = QStringLiteral("customer");
    filter.limit = 10;
    filter.page = 3;
    console.users.users(filter, nullptr, all.callback());
    QVERIFY(all.wait());
    SHOP_VERIFY_OK(*all.result);
    QCOMPARE((*all.result)->total, 25);
    QCOMPARE((*all.result)->items.size(), 5);
    QCOMPARE((*all.result)->page, 3);
    QCOMPARE((*all.result)->pageCount(), 3);
    QCOMPARE((*all.result)->items.first().email, QStringLiteral("customer20@example.com"));

    CallWaiter<Page<User>> admins;
    UserFilter adminFilter;
    adminFilter.role = QStringLiteral("admin");
    console.users.users(adminFilter, nullptr, admins.callback());
    QVERIFY(admins.wait());
    SHOP_VERIFY_OK(*admins.result);
    QCOMPARE((*admins.result)->total, 1);
    QVERIFY((*admins.result)->items.first().isAdmin());
}

void TestAdminUsersClient::detailsWithAddresses()
{
    // The customer adds an address through the account routes...
    ApiClient api;
    api.setBaseUrl(m_server.baseUrl());
    AuthSession session(&api, nullptr);
    CallWaiter<User> signedIn;
    session.signIn(QStringLiteral("ada@example.com"), kPassword, false, nullptr,
                   signedIn.callback());
    QVERIFY(signedIn.wait());
    ApiRequest add = ApiRequest::post(
        QStringLiteral("api/users/me/addresses"),
        QJsonDocument(QJsonObject {{QStringLiteral("recipient_name"), QStringLiteral("Ada")},
                                   {QStringLiteral("line1"), QStringLiteral("1 Square")},
                                   {QStringLiteral("city"), QStringLiteral("London")},
                                   {QStringLiteral("postal_code"), QStringLiteral("SW1")},
                                   {QStringLiteral("country"), QStringLiteral("GB")}}));
    CallWaiter<ApiResponse> added;
    api.send(add, nullptr, added.callback());
    QVERIFY(added.wait());
    SHOP_VERIFY_OK(*added.result);

    // ...and the admin sees it.
    Console console(m_server.baseUrl());
    QVERIFY(console.signIn(kAdmin));
    CallWaiter<UserDetails> details;
    console.users.user(m_customerId, nullptr, details.callback());
    QVERIFY(details.wait());
    SHOP_VERIFY_OK(*details.result);
    QCOMPARE((*details.result)->user.email, QStringLiteral("ada@example.com"));
    QCOMPARE((*details.result)->addresses.size(), 1);
    QCOMPARE((*details.result)->addresses.first().city, QStringLiteral("London"));

    CallWaiter<UserDetails> missing;
    console.users.user(QStringLiteral("no-such-id"), nullptr, missing.callback());
    QVERIFY(missing.wait());
    QCOMPARE(missing.result->error().code, ErrorCode::NotFound);
}

void TestAdminUsersClient::deactivatingLocksTheCustomerOut()
{
    const QString email = QStringLiteral("customer07@example.com");
    Console customer(m_server.baseUrl());
    QVERIFY(customer.signIn(email));
    Console console(m_server.baseUrl());
    QVERIFY(console.signIn(kAdmin));

    CallWaiter<Page<User>> found;
    UserFilter filter;
    filter.search = email;
    console.users.users(filter, nullptr, found.callback());
    QVERIFY(found.wait());
    SHOP_VERIFY_OK(*found.result);
    const QString id = (*found.result)->items.first().id;

    CallWaiter<User> off;
    console.users.setActive(id, false, nullptr, off.callback());
    QVERIFY(off.wait());
    SHOP_VERIFY_OK(*off.result);
    QVERIFY(!(*off.result)->isActive);
    // The customer's session ends; signing in again is refused.
    QSignalSpy expired(&customer.session, &AuthSession::sessionExpired);
    CallWaiter<ApiResponse> me;
    customer.api.send(ApiRequest::get(QStringLiteral("api/users/me")), nullptr, me.callback());
    QVERIFY(me.wait());
    QVERIFY(!*me.result);
    QCOMPARE(expired.count(), 1);
    CallWaiter<User> again;
    customer.session.signIn(email, kPassword, false, nullptr, again.callback());
    QVERIFY(again.wait());
    QCOMPARE(again.result->error().code, ErrorCode::Forbidden);

    CallWaiter<User> on;
    console.users.setActive(id, true, nullptr, on.callback());
    QVERIFY(on.wait());
    SHOP_VERIFY_OK(*on.result);
    QVERIFY(customer.signIn(email));
}

void TestAdminUsersClient::roleChangeAndAudit()
{
    Console console(m_server.baseUrl());
    QVERIFY(console.signIn(kAdmin));
    CallWaiter<User> granted;
    console.users.setRole(m_customerId, QStringLiteral("admin"), nullptr, granted.callback());
    QVERIFY(granted.wait());
    SHOP_VERIFY_OK(*granted.result);
    QVERIFY((*granted.result)->isAdmin());
    CallWaiter<User> revoked;
    console.users.setRole(m_customerId, QStringLiteral("user"), nullptr, revoked.callback());
    QVERIFY(revoked.wait());
    SHOP_VERIFY_OK(*revoked.result);
    CallWaiter<User> invalid;
    console.users.setRole(m_customerId, QStringLiteral("owner"), nullptr, invalid.callback());
    QVERIFY(invalid.wait());
    QCOMPARE(invalid.result->error().code, ErrorCode::Validation);

    CallWaiter<Page<AuditEntry>> audit;
    AuditFilter filter;
    filter.target = m_customerId;
    console.users.audit(filter, nullptr, audit.callback());
    QVERIFY(audit.wait());
    SHOP_VERIFY_OK(*audit.result);
    QCOMPARE((*audit.result)->items.size(), 2); // newest first
    const AuditEntry &last = (*audit.result)->items.first();
    QCOMPARE(last.action, QStringLiteral("user.role"));
    QCOMPARE(last.actorEmail, kAdmin);
    QCOMPARE(last.actorId, m_adminId);
    QCOMPARE(last.targetId, m_customerId);
    QCOMPARE(last.before.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    QCOMPARE(last.after.value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    QVERIFY(last.at.isValid());
    QVERIFY(!last.requestId.isEmpty());
}

void TestAdminUsersClient::adminsCannotChangeThemselves()
{
    Console console(m_server.baseUrl());
    QVERIFY(console.signIn(kAdmin));
    CallWaiter<User> off;
    console.users.setActive(m_adminId, false, nullptr, off.callback());
    QVERIFY(off.wait());
    QCOMPARE(off.result->error().code, ErrorCode::Conflict);
    CallWaiter<User> demote;
    console.users.setRole(m_adminId, QStringLiteral("user"), nullptr, demote.callback());
    QVERIFY(demote.wait());
    QCOMPARE(demote.result->error().code, ErrorCode::Conflict);
}

void TestAdminUsersClient::customersAreRefused()
{
    Console console(m_server.baseUrl());
    QVERIFY(console.signIn(QStringLiteral("customer03@example.com")));
    CallWaiter<Page<User>> users;
    console.users.users({}, nullptr, users.callback());
    QVERIFY(users.wait());
    QCOMPARE(users.result->error().code, ErrorCode::Forbidden);
    CallWaiter<Page<AuditEntry>> audit;
    console.users.audit({}, nullptr, audit.callback());
    QVERIFY(audit.wait());
    QCOMPARE(audit.result->error().code, ErrorCode::Forbidden);
}

QTEST_GUILESS_MAIN(TestAdminUsersClient)
#include "tst_adminusersclient.moc"
