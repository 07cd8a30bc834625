#pragma once

// The accounts wire format (snake_case JSON) as the desktop clients read and write it:
// docs of the contract in docs/accounts-client.md.

#include "client/account.h"
#include "error.h"

#include <QJsonObject>

namespace Shop::Client::Json {

[[nodiscard]] Result<User> userFromJson(const QJsonObject &object);
[[nodiscard]] QJsonObject userToJson(const User &user);
[[nodiscard]] Result<SessionGrant> sessionFromJson(const QJsonObject &object);
[[nodiscard]] Result<Address> addressFromJson(const QJsonObject &object);
// Without "id" (the server takes it from the path or assigns one).
[[nodiscard]] QJsonObject addressToJson(const Address &address);
[[nodiscard]] Result<QList<Address>> addressListFromJson(const QJsonObject &object);
[[nodiscard]] QJsonObject profileUpdateToJson(const ProfileUpdate &update);
[[nodiscard]] QJsonObject registrationToJson(const Registration &registration);

} // namespace Shop::Client::Json
