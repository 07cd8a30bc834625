#include "orderstatus.h"

#include <QtGlobal>

#include <array>
#include <initializer_list>

namespace Shop::Commerce {

namespace {

struct StatusInfo
{
    OrderStatus status;
    const char16_t *name;
    const char *label;
    // How a transition into this state reads in a sentence: "cannot be <verb>".
    const char16_t *verb;
};

constexpr std::array kStatuses {
    StatusInfo {OrderStatus::Pending, u"pending", QT_TRANSLATE_NOOP("Shop::Commerce", "Pending"),
                u"set back to pending"},
    StatusInfo {OrderStatus::Paid, u"paid", QT_TRANSLATE_NOOP("Shop::Commerce", "Paid"),
                u"marked paid"},
    StatusInfo {OrderStatus::Processing, u"processing",
                QT_TRANSLATE_NOOP("Shop::Commerce", "Processing"), u"moved to processing"},
    StatusInfo {OrderStatus::Shipped, u"shipped", QT_TRANSLATE_NOOP("Shop::Commerce", "Shipped"),
                u"shipped"},
    StatusInfo {OrderStatus::Delivered, u"delivered",
                QT_TRANSLATE_NOOP("Shop::Commerce", "Delivered"), u"marked delivered"},
    StatusInfo {OrderStatus::Cancelled, u"cancelled",
                QT_TRANSLATE_NOOP("Shop::Commerce", "Cancelled"), u"cancelled"},
};

struct ActorInfo
{
    Actor actor;
    const char16_t *name;
    const char16_t *phrase; // "Only <phrase> can ..."
};

constexpr std::array kActors {
    ActorInfo {Actor::Customer, u"customer", u"the customer"},
    ActorInfo {Actor::Staff, u"staff", u"staff"},
    ActorInfo {Actor::System, u"system", u"the system"},
};

// Who may make each transition, as a bit set of actors.
constexpr unsigned bit(Actor actor)
{
    return 1u << unsigned(actor);
}

struct Transition
{
    OrderStatus from;
    OrderStatus to;
    unsigned actors;
};

// THE table of allowed transitions. Anything not listed here is refused for everyone.
// - pending -> paid: only the system, when the payment provider's webhook confirms payment.
// - pending -> cancelled: the customer, staff, or the system when an unpaid order expires.
// - paid -> processing: staff start to pick and pack.
// - paid -> cancelled: the customer or staff; the payments issue adds the refund.
// - processing -> shipped: staff (optionally with carrier and tracking number).
// - processing -> cancelled: staff only (the customer can no longer cancel once work began).
// - shipped -> delivered: staff, or the system (a carrier's delivery notice).
// Delivered and cancelled are terminal; no state moves to itself.
constexpr std::array kTransitions {
    Transition {OrderStatus::Pending, OrderStatus::Paid, bit(Actor::System)},
    Transition {OrderStatus::Pending, OrderStatus::Cancelled,
                bit(Actor::Customer) | bit(Actor::Staff) | bit(Actor::System)},
    Transition {OrderStatus::Paid, OrderStatus::Processing, bit(Actor::Staff)},
    Transition {OrderStatus::Paid, OrderStatus::Cancelled,
                bit(Actor::Customer) | bit(Actor::Staff)},
    Transition {OrderStatus::Processing, OrderStatus::Shipped, bit(Actor::Staff)},
    Transition {OrderStatus::Processing, OrderStatus::Cancelled, bit(Actor::Staff)},
    Transition {OrderStatus::Shipped, OrderStatus::Delivered,
                bit(Actor::Staff) | bit(Actor::System)},
};

unsigned actorsBits(OrderStatus from, OrderStatus to)
{
    for (const Transition &t : kTransitions) {
        if (t.from == from && t.to == to) {
            return t.actors;
        }
    }
    return 0;
}

const StatusInfo &info(OrderStatus status)
{
    for (const StatusInfo &s : kStatuses) {
        if (s.status == status) {
            return s;
        }
    }
    Q_UNREACHABLE();
    return kStatuses.front();
}

const ActorInfo &info(Actor actor)
{
    for (const ActorInfo &a : kActors) {
        if (a.actor == actor) {
            return a;
        }
    }
    Q_UNREACHABLE();
    return kActors.front();
}

} // namespace

QString toString(OrderStatus status)
{
    return QString::fromUtf16(info(status).name);
}

std::optional<OrderStatus> orderStatusFromString(QStringView text)
{
    for (const StatusInfo &s : kStatuses) {
        if (text == QStringView(s.name)) {
            return s.status;
        }
    }
    return std::nullopt;
}

QList<OrderStatus> allOrderStatuses()
{
    QList<OrderStatus> result;
    for (const StatusInfo &s : kStatuses) {
        result.append(s.status);
    }
    return result;
}

QString toString(Actor actor)
{
    return QString::fromUtf16(info(actor).name);
}

std::optional<Actor> actorFromString(QStringView text)
{
    for (const ActorInfo &a : kActors) {
        if (text == QStringView(a.name)) {
            return a.actor;
        }
    }
    return std::nullopt;
}

QList<Actor> allActors()
{
    QList<Actor> result;
    for (const ActorInfo &a : kActors) {
        result.append(a.actor);
    }
    return result;
}

bool isAllowedTransition(OrderStatus from, OrderStatus to, Actor by)
{
    return (actorsBits(from, to) & bit(by)) != 0;
}

bool isKnownTransition(OrderStatus from, OrderStatus to)
{
    return actorsBits(from, to) != 0;
}

QList<Actor> actorsFor(OrderStatus from, OrderStatus to)
{
    const unsigned bits = actorsBits(from, to);
    QList<Actor> result;
    for (const ActorInfo &a : kActors) {
        if (bits & bit(a.actor)) {
            result.append(a.actor);
        }
    }
    return result;
}

QList<OrderStatus> allowedTargets(OrderStatus from, Actor by)
{
    QList<OrderStatus> result;
    for (const StatusInfo &s : kStatuses) {
        if (isAllowedTransition(from, s.status, by)) {
            result.append(s.status);
        }
    }
    return result;
}

std::optional<Error> checkTransition(OrderStatus from, OrderStatus to, Actor by)
{
    if (isAllowedTransition(from, to, by)) {
        return std::nullopt;
    }
    const QString fromName = toString(from);
    if (from == to) {
        return Error::conflict(QStringLiteral("The order is already %1.").arg(fromName));
    }
    const QList<Actor> actors = actorsFor(from, to);
    if (actors.isEmpty()) {
        return Error::conflict(QStringLiteral("An order that is %1 cannot be %2.")
                                   .arg(fromName, QString::fromUtf16(info(to).verb)));
    }
    QStringList who;
    for (const Actor actor : actors) {
        who.append(QString::fromUtf16(info(actor).phrase));
    }
    const QString whoText = who.size() == 1
        ? who.front()
        : QStringList(who.mid(0, who.size() - 1)).join(QStringLiteral(", "))
            + QStringLiteral(" or ") + who.back();
    Error error {ErrorCode::Forbidden,
                 QStringLiteral("Only %1 can move an order that is %2 to %3.")
                     .arg(whoText, fromName, toString(to)),
                 {}};
    return error;
}

bool holdsStock(OrderStatus status)
{
    return status != OrderStatus::Cancelled;
}

bool isTerminal(OrderStatus status)
{
    return status == OrderStatus::Delivered || status == OrderStatus::Cancelled;
}

bool customerMayCancel(OrderStatus status)
{
    return isAllowedTransition(status, OrderStatus::Cancelled, Actor::Customer);
}

const char *orderStatusLabel(OrderStatus status)
{
    return info(status).label;
}

} // namespace Shop::Commerce
