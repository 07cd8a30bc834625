#pragma once

#include <QHashFunctions>
#include <QString>
#include <QUuid>

#include <optional>

namespace Shop {

// A typed UUID: a ProductId cannot be passed where a CategoryId is expected.
template<typename Tag>
class Id final
{
public:
    Id() = default;
    explicit Id(const QUuid &uuid)
        : m_uuid(uuid)
    { }

    // Accepts the canonical 8-4-4-4-12 form only (no braces); anything else is not an id.
    [[nodiscard]] static std::optional<Id> parse(QStringView text)
    {
        if (text.size() != 36) {
            return std::nullopt;
        }
        const QUuid uuid = QUuid::fromString(text);
        if (uuid.isNull()) {
            return std::nullopt;
        }
        return Id(uuid);
    }
    [[nodiscard]] static Id generate() { return Id(QUuid::createUuid()); }

    [[nodiscard]] bool isNull() const { return m_uuid.isNull(); }
    [[nodiscard]] QUuid uuid() const { return m_uuid; }
    [[nodiscard]] QString toString() const { return m_uuid.toString(QUuid::WithoutBraces); }

    friend bool operator==(const Id &a, const Id &b) { return a.m_uuid == b.m_uuid; }
    friend bool operator!=(const Id &a, const Id &b) { return !(a == b); }
    friend size_t qHash(const Id &id, size_t seed = 0) { return qHash(id.m_uuid, seed); }

private:
    QUuid m_uuid;
};

using ProductId = Id<struct ProductTag>;
using CategoryId = Id<struct CategoryTag>;
using UserId = Id<struct UserTag>;
using OrderId = Id<struct OrderTag>;

} // namespace Shop
