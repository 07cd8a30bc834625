#include "passwordpolicy.h"

#include <QFile>
#include <QLoggingCategory>

namespace Shop::Auth {

Q_LOGGING_CATEGORY(lcPolicy, "shop.auth.policy")

namespace {

constexpr qsizetype kMinLocalPartLength = 4;

qsizetype codePoints(const QString &text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size()
            && text.at(i + 1).isLowSurrogate()) {
            ++i;
        }
        ++count;
    }
    return count;
}

QSet<QString> loadCommonPasswords()
{
    QSet<QString> words;
    QFile file(QStringLiteral(":/auth/common-passwords.txt"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcPolicy) << "the common-password list is missing from the resources";
        return words;
    }
    const QList<QByteArray> lines = file.readAll().split('\n');
    words.reserve(lines.size());
    for (const QByteArray &line : lines) {
        const QString word = QString::fromUtf8(line).trimmed();
        if (word.isEmpty() || word.startsWith(QLatin1Char('#'))) {
            continue;
        }
        words.insert(word.normalized(QString::NormalizationForm_KC).toLower());
    }
    return words;
}

// Without trailing digits, punctuation, symbols and spaces.
QString stripTrail(const QString &text)
{
    qsizetype end = text.size();
    while (end > 0) {
        const QChar c = text.at(end - 1);
        if (!(c.isDigit() || c.isPunct() || c.isSymbol() || c.isSpace())) {
            break;
        }
        --end;
    }
    return text.first(end);
}

} // namespace

const QSet<QString> &commonPasswords()
{
    static const QSet<QString> words = loadCommonPasswords();
    return words;
}

std::optional<PasswordProblem> checkPassword(const QString &password, const QString &email)
{
    const QString normalized = password.normalized(QString::NormalizationForm_KC);
    const qsizetype length = codePoints(normalized);
    if (length < kMinPasswordLength) {
        return PasswordProblem {QStringLiteral("too_short"),
                                QStringLiteral("The password must have at least %1 characters.")
                                    .arg(kMinPasswordLength)};
    }
    if (length > kMaxPasswordLength) {
        return PasswordProblem {QStringLiteral("too_long"),
                                QStringLiteral("The password must have at most %1 characters.")
                                    .arg(kMaxPasswordLength)};
    }
    const QString lower = normalized.toLower();

    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    const QString localPart =
        (at < 0 ? email : email.first(at)).normalized(QString::NormalizationForm_KC).toLower();
    if (codePoints(localPart) >= kMinLocalPartLength && lower.contains(localPart)) {
        return PasswordProblem {QStringLiteral("contains_email"),
                                QStringLiteral("The password must not contain your email "
                                               "address.")};
    }

    const QSet<QString> &common = commonPasswords();
    const QString stripped = stripTrail(lower);
    if (common.contains(lower) || (!stripped.isEmpty() && common.contains(stripped))) {
        return PasswordProblem {QStringLiteral("too_common"),
                                QStringLiteral("This password is too common. Choose one that is "
                                               "harder to guess.")};
    }
    return std::nullopt;
}

} // namespace Shop::Auth
