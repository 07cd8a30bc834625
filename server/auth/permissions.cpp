#include "permissions.h"

namespace Shop::Auth {

namespace {

const QStringList &userPermissions()
{
    static const QStringList permissions {
        QStringLiteral("read:products"), QStringLiteral("write:cart"),
        QStringLiteral("write:orders"),  QStringLiteral("read:orders:own"),
        QStringLiteral("read:account"),  QStringLiteral("write:account"),
    };
    return permissions;
}

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::User:
        return QStringLiteral("user");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return QString();
}

std::optional<Role> roleFromName(QStringView name)
{
    if (name == u"user") {
        return Role::User;
    }
    if (name == u"admin") {
        return Role::Admin;
    }
    return std::nullopt;
}

bool roleHas(Role role, QStringView permission)
{
    if (permission.isEmpty()) {
        return false;
    }
    switch (role) {
    case Role::Admin:
        return true;
    case Role::User:
        for (const QString &granted : userPermissions()) {
            if (granted == permission) {
                return true;
            }
        }
        return false;
    }
    return false;
}

QStringList rolePermissions(Role role)
{
    switch (role) {
    case Role::Admin:
        return {QStringLiteral("*")};
    case Role::User:
        return userPermissions();
    }
    return {};
}

} // namespace Shop::Auth
