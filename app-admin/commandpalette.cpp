#include "commandpalette.h"

#include "client/adminordersclient.h"
#include "client/adminusersclient.h"
#include "client/catalogclient.h"
#include "commerce/ordernumber.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSet>
#include <QVBoxLayout>

#include <algorithm>

namespace Shop::Admin {

namespace {

QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(QStringLiteral(" …")).remove(QStringLiteral("…"));
    // "&Save" -> "Save", "&&" -> "&"
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'&' && i + 1 < text.size()) {
            ++i;
        }
        out += text[i];
    }
    return out;
}

bool matchesAllWords(const QString &haystack, const QStringList &words)
{
    for (const QString &word : words) {
        if (!haystack.contains(word, Qt::CaseInsensitive)) {
            return false;
        }
    }
    return !words.isEmpty();
}

} // namespace

CommandPalette::CommandPalette(Client::ApiClient *api, QWidget *actionsOf, Opener open,
                               QWidget *parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_catalog(new Client::CatalogClient(api, this))
    , m_orders(new Client::AdminOrdersClient(api, this))
    , m_users(new Client::AdminUsersClient(api, this))
    , m_actionsOf(actionsOf)
    , m_open(std::move(open))
    , m_input(new QLineEdit(this))
    , m_results(new QListWidget(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    m_input->setObjectName(QStringLiteral("paletteInput"));
    m_input->setPlaceholderText(tr("Find a product, order, customer or action …"));
    m_input->setClearButtonEnabled(true);
    m_input->installEventFilter(this);
    m_results->setObjectName(QStringLiteral("paletteResults"));
    m_results->setFocusPolicy(Qt::NoFocus);
    m_results->setUniformItemSizes(true);
    m_hint->setText(tr("↑↓ choose · Enter opens · Esc closes"));
    m_hint->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_input);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_hint);
    resize(fontMetrics().height() * 36, fontMetrics().height() * 22);

    m_delay.setSingleShot(true);
    m_delay.setInterval(kSearchDelay);
    connect(&m_delay, &QTimer::timeout, this, &CommandPalette::search);
    connect(m_input, &QLineEdit::textChanged, this, &CommandPalette::textChanged);
    connect(m_input, &QLineEdit::returnPressed, this, &CommandPalette::activateCurrent);
    connect(m_results, &QListWidget::itemActivated, this, [this] { activateCurrent(); });
}

void CommandPalette::popup()
{
    m_input->clear();
    textChanged();
    if (QWidget *owner = parentWidget()) {
        const QRect area = owner->window()->geometry();
        move(area.center().x() - width() / 2, area.top() + area.height() / 6);
    }
    show();
    raise();
    activateWindow();
    m_input->setFocus(Qt::PopupFocusReason);
}

QList<CommandPalette::Hit> CommandPalette::hits() const
{
    return m_hits;
}

void CommandPalette::textChanged()
{
    ++m_generation;
    m_pending = 0;
    m_remote.clear();
    m_delay.stop();
    if (m_input->text().trimmed().size() >= 2) {
        m_delay.start();
    }
    rebuild();
}

void CommandPalette::search()
{
    const QString text = m_input->text().trimmed();
    const quint64 generation = m_generation;
    const auto add = [this, generation](const Found &found) {
        if (generation == m_generation) {
            m_remote.append(found);
        }
    };
    const auto done = [this, generation] {
        if (generation == m_generation) {
            --m_pending;
            rebuild();
        }
    };

    ProductQuery query;
    query.search = text.left(ProductQuery::kMaxSearchLength);
    query.limit = kMaxPerKind;
    ++m_pending;
    m_catalog->products(query, this, [add, done](Result<Page<Product>> result) {
        if (result) {
            for (const Product &product : result->items) {
                add({{Kind::Product, product.id.toString(), product.sku, {}},
                     product.name,
                     CommandPalette::tr("Product %1 · %2")
                         .arg(product.sku, product.price.format())});
            }
        }
        done();
    });

    if (const auto number = Commerce::normalizeOrderNumber(text)) {
        Client::AdminOrderFilter filter;
        filter.number = *number;
        filter.limit = kMaxPerKind;
        ++m_pending;
        m_orders->orders(
            filter, this,
            [add, done](Result<Client::AdminOrderPage> result) {
                if (result) {
                    for (const Commerce::OrderSummary &order : result->items) {
                        add({{Kind::Order, order.id, order.number, {}},
                             CommandPalette::tr("Order %1").arg(order.number),
                             CommandPalette::tr("%1 · %2").arg(order.customerEmail,
                                                               order.total.format())});
                    }
                }
                done();
            },
            false);
    }

    Client::UserFilter users;
    users.search = text;
    users.limit = kMaxPerKind;
    ++m_pending;
    m_users->users(users, this, [add, done](Result<Page<Client::User>> result) {
        if (result) {
            for (const Client::User &user : result->items) {
                add({{Kind::Customer, user.id, user.email, {}},
                     user.displayName(),
                     CommandPalette::tr("Customer %1").arg(user.email)});
            }
        }
        done();
    });
}

void CommandPalette::rebuild()
{
    const QString previous =
        m_results->currentItem() ? m_results->currentItem()->text() : QString();
    m_results->clear();
    m_hits.clear();
    const QStringList words = m_input->text().simplified().split(u' ', Qt::SkipEmptyParts);
    // Actions first: they are what the keyboard wants most often.
    if (m_actionsOf) {
        QSet<QString> seen;
        int count = 0;
        QList<QAction *> actions = m_actionsOf->findChildren<QAction *>();
        // Names that start with what was typed first ("cust" finds "Customers" before "Show the
        // customer's …"), else in the window's order.
        if (!words.isEmpty()) {
            std::stable_sort(
                actions.begin(), actions.end(), [&words](const QAction *a, const QAction *b) {
                    return plainText(a).startsWith(words.first(), Qt::CaseInsensitive)
                        && !plainText(b).startsWith(words.first(), Qt::CaseInsensitive);
                });
        }
        for (QAction *action : std::as_const(actions)) {
            if (action->isSeparator() || action->menu() || !action->isEnabled()
                || action->text().isEmpty()) {
                continue;
            }
            const QString text = plainText(action);
            if ((!words.isEmpty() && !matchesAllWords(text, words)) || seen.contains(text)) {
                continue;
            }
            seen.insert(text);
            const QString shortcut = action->shortcut().toString(QKeySequence::NativeText);
            addHit({Kind::Action, {}, action->objectName(), action}, text,
                   shortcut.isEmpty() ? tr("Action") : tr("Action · %1").arg(shortcut));
            if (++count >= (words.isEmpty() ? 50 : 3 * kMaxPerKind)) {
                break;
            }
        }
    }
    for (Kind kind : {Kind::Order, Kind::Product, Kind::Customer}) {
        for (const Found &found : std::as_const(m_remote)) {
            if (found.hit.kind == kind) {
                addHit(found.hit, found.text, found.detail);
            }
        }
    }
    int row = 0;
    for (int i = 0; i < m_results->count(); ++i) {
        if (m_results->item(i)->text() == previous) {
            row = i;
            break;
        }
    }
    if (m_results->count() > 0) {
        m_results->setCurrentRow(row);
    }
}

void CommandPalette::addHit(const Hit &hit, const QString &text, const QString &detail)
{
    auto *item = new QListWidgetItem(text + QStringLiteral("  —  ") + detail, m_results);
    if (hit.action && !hit.action->icon().isNull()) {
        item->setIcon(hit.action->icon());
    }
    m_hits.append(hit);
}

void CommandPalette::activateCurrent()
{
    const int row = m_results->currentRow();
    if (row < 0 || row >= m_hits.size()) {
        return;
    }
    const Hit hit = m_hits[row];
    hide();
    if (hit.kind == Kind::Action) {
        if (hit.action && hit.action->isEnabled()) {
            hit.action->trigger();
        }
        return;
    }
    if (m_open) {
        m_open(hit);
    }
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int count = m_results->count();
        int row = m_results->currentRow();
        switch (key->key()) {
        case Qt::Key_Down:
            row = count > 0 ? (row + 1) % count : -1;
            break;
        case Qt::Key_Up:
            row = count > 0 ? (row - 1 + count) % count : -1;
            break;
        case Qt::Key_PageDown:
            row = std::min(row + 8, count - 1);
            break;
        case Qt::Key_PageUp:
            row = std::max(row - 8, 0);
            break;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            return QDialog::eventFilter(watched, event);
        }
        if (row >= 0) {
            m_results->setCurrentRow(row);
        }
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Shop::Admin
