// The password rules: length in code points after NFKC, the common-password list (as it is and
// with trailing digits and punctuation), and the email's local part.

#include "auth/passwordpolicy.h"

#include <QTest>
#include <QThread>

#include <atomic>

using namespace Shop::Auth;

class TestPasswordPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listIsBuiltIn();
    void listLoadsOnceAcrossThreads();
    void check_data();
    void check();
};

void TestPasswordPolicy::listIsBuiltIn()
{
    const QSet<QString> &list = commonPasswords();
    QVERIFY2(list.size() > 3500, qPrintable(QString::number(list.size())));
    for (const char *word :
         {"123456", "password", "qwerty", "iloveyou", "letmein", "monkey", "dragon", "qwertyuiop",
          "1qaz2wsx3edc", "123456789012", "passwort", "p@ssw0rd"}) {
        QVERIFY2(list.contains(QString::fromLatin1(word)), word);
    }
    // Lower case, no comments, no blanks.
    for (const QString &word : list) {
        QCOMPARE(word, word.toLower());
        QVERIFY(!word.isEmpty());
        QVERIFY(!word.startsWith(QLatin1Char('#')));
    }
}

void TestPasswordPolicy::listLoadsOnceAcrossThreads()
{
    // Many threads asking at once all see the same, complete list (a function-local static).
    std::atomic<int> sizesSeen {0};
    std::atomic<const void *> address {nullptr};
    std::atomic<bool> differs {false};
    QList<QThread *> threads;
    for (int i = 0; i < 8; ++i) {
        threads.append(QThread::create([&] {
            const QSet<QString> &list = commonPasswords();
            const void *expected = nullptr;
            if (!address.compare_exchange_strong(expected, &list) && expected != &list) {
                differs = true;
            }
            sizesSeen += int(list.size() > 3500);
            Q_UNUSED(checkPassword(QStringLiteral("password12345")));
        }));
    }
    for (QThread *thread : threads) {
        thread->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(60'000));
        delete thread;
    }
    QCOMPARE(sizesSeen.load(), 8);
    QVERIFY(!differs);
}

void TestPasswordPolicy::check_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("code"); // empty when accepted

    const QString ok;
    const QString email = QStringLiteral("ada.lovelace@example.com");
    const auto row = [&](const char *name, const QString &password, const QString &code,
                         const QString &mail = QString()) {
        QTest::newRow(name) << password << mail << code;
    };
    // Length.
    row("empty", QString(), QStringLiteral("too_short"));
    row("11 characters", QStringLiteral("vKd9#pQz!w2"), QStringLiteral("too_short"));
    row("12 characters", QStringLiteral("vKd9#pQz!w2M"), ok);
    row("128 characters", QStringLiteral("vKd9#pQz!w2M").repeated(10) + QStringLiteral("abcdefgh"),
        ok);
    row("129 characters", QStringLiteral("vKd9#pQz!w2M").repeated(10) + QStringLiteral("abcdefghi"),
        QStringLiteral("too_long"));
    row("a passphrase", QStringLiteral("purple tractor umbrella lagoon"), ok);

    // Unicode: counted in code points after NFKC, not in UTF-16 units or bytes.
    row("11 umlauts (precomposed)", QStringLiteral("äöüßäöüßäöü"), QStringLiteral("too_short"));
    row("11 umlauts (decomposed, 21 units)",
        QStringLiteral("a\u0308o\u0308u\u0308ßa\u0308o\u0308u\u0308ßa\u0308o\u0308u\u0308"),
        QStringLiteral("too_short"));
    row("12 umlauts", QStringLiteral("äöüßäöüßäöüß"), ok);
    row("6 emoji (12 UTF-16 units)", QStringLiteral("🦊🐙🦉🐢🦋🐝"),
        QStringLiteral("too_short"));
    row("12 emoji", QStringLiteral("🦊🐙🦉🐢🦋🐝🦊🐙🦉🐢🦋🐞"), ok);
    row("129 emoji", QStringLiteral("🦊").repeated(129), QStringLiteral("too_long"));
    row("128 emoji", QStringLiteral("🦊").repeated(128), ok);
    row("ligatures expand under NFKC (6 -> 12)", QStringLiteral("ﬃﬃﬃﬃ"), ok);
    row("fullwidth common password", QStringLiteral("ｐａｓｓｗｏｒｄ１２３４"),
        QStringLiteral("too_common"));

    // The common list, ignoring case and trailing digits and punctuation.
    row("password1234", QStringLiteral("password1234"), QStringLiteral("too_common"));
    row("Password1234!", QStringLiteral("Password1234!"), QStringLiteral("too_common"));
    row("PASSWORD!!!!!!", QStringLiteral("PASSWORD!!!!!!"), QStringLiteral("too_common"));
    row("qwertyuiop123", QStringLiteral("qwertyuiop123"), QStringLiteral("too_common"));
    row("123456789012", QStringLiteral("123456789012"), QStringLiteral("too_common"));
    row("111111111111", QStringLiteral("111111111111"), QStringLiteral("too_common"));
    row("iloveyou2024!", QStringLiteral("iloveyou2024!"), QStringLiteral("too_common"));
    row("P@ssw0rd2024", QStringLiteral("P@ssw0rd2024"), QStringLiteral("too_common"));
    row("1qaz2wsx3edc", QStringLiteral("1qaz2wsx3edc"), QStringLiteral("too_common"));
    row("qwertyqwerty", QStringLiteral("qwertyqwerty"), QStringLiteral("too_common"));
    row("football1234", QStringLiteral("football1234"), QStringLiteral("too_common"));
    row("Welcome2026!", QStringLiteral("Welcome2026!"), QStringLiteral("too_common"));
    row("letmein 12345", QStringLiteral("letmein 12345"), QStringLiteral("too_common"));
    row("passwordpassword", QStringLiteral("passwordpassword"), QStringLiteral("too_common"));
    row("winniethepooh", QStringLiteral("winniethepooh"), QStringLiteral("too_common"));
    row("common word inside is fine", QStringLiteral("my password is long enough"), ok);
    row("digits before a common word", QStringLiteral("1234password"), ok);

    // The email's local part (at least 4 characters), ignoring case.
    QTest::newRow("contains the local part")
        << QStringLiteral("xx-Ada.Lovelace-1815") << email << QStringLiteral("contains_email");
    QTest::newRow("is the local part plus digits")
        << QStringLiteral("ada.lovelace12") << email << QStringLiteral("contains_email");
    QTest::newRow("another local part") << QStringLiteral("grace.hopper-1906") << email << ok;
    QTest::newRow("3-character local part is not checked")
        << QStringLiteral("bob-the-builder-42") << QStringLiteral("bob@example.com") << ok;
    QTest::newRow("4-character local part is checked")
        << QStringLiteral("builder-anna-42") << QStringLiteral("anna@example.com")
        << QStringLiteral("contains_email");
    QTest::newRow("the domain alone is fine")
        << QStringLiteral("example.com-rocks") << QStringLiteral("anna@example.com") << ok;
    QTest::newRow("length before email")
        << QStringLiteral("anna") << QStringLiteral("anna@example.com")
        << QStringLiteral("too_short");
}

void TestPasswordPolicy::check()
{
    QFETCH(QString, password);
    QFETCH(QString, email);
    QFETCH(QString, code);
    const std::optional<PasswordProblem> problem = checkPassword(password, email);
    if (code.isEmpty()) {
        QVERIFY2(!problem, problem ? qPrintable(problem->code) : "");
        return;
    }
    QVERIFY2(problem, "accepted");
    QCOMPARE(problem->code, code);
    QVERIFY(!problem->message.isEmpty());
    QVERIFY(!problem->message.contains(password) || password.isEmpty());
}

QTEST_GUILESS_MAIN(TestPasswordPolicy)
#include "tst_passwordpolicy.moc"
