#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace Shop::Auth {

// The seed's roles. A user account has exactly one.
enum class Role { User, Admin };

// "user", "admin": the wire and database spelling.
[[nodiscard]] QString roleName(Role role);
// The role for its exact name ("user", "admin"), or nothing.
[[nodiscard]] std::optional<Role> roleFromName(QStringView name);

// Permission strings are `action:resource[:scope]`. A user has
//   read:products, write:cart, write:orders, read:orders:own, read:account, write:account
// and an admin has "*", every permission. Matching is exact; ownership ("own") is enforced by the
// repositories, not here.
[[nodiscard]] bool roleHas(Role role, QStringView permission);
// What roleHas() grants, for documentation and the OpenAPI description.
[[nodiscard]] QStringList rolePermissions(Role role);

} // namespace Shop::Auth
