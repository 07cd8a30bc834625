#include "accountrows.h"

namespace Shop::Accounts {

QJsonObject User::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("email"), email},
            {QStringLiteral("first_name"), firstName},
            {QStringLiteral("last_name"), lastName},
            {QStringLiteral("role"), role},
            {QStringLiteral("is_active"), isActive},
            {QStringLiteral("language"), language},
            {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODate)}};
}

QJsonObject Address::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("label"), label},
            {QStringLiteral("recipient_name"), recipientName},
            {QStringLiteral("line1"), line1},
            {QStringLiteral("line2"), line2},
            {QStringLiteral("city"), city},
            {QStringLiteral("postal_code"), postalCode},
            {QStringLiteral("region"), region},
            {QStringLiteral("country"), country},
            {QStringLiteral("phone"), phone},
            {QStringLiteral("is_default"), isDefault}};
}

} // namespace Shop::Accounts
