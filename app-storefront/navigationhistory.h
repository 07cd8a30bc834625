#pragma once

#include <QList>
#include <QObject>
#include <QString>

namespace Shop::Storefront {

// Where the storefront window is: a page and, for the product page, which product (for the
// order page, which order).
struct Location
{
    enum class Page { Home, Products, Product, Account, Cart, Orders, Order };

    Page page = Page::Home;
    QString productId;
    QString orderId;

    friend bool operator==(const Location &, const Location &) = default;
};

// Back/forward history of pages, as in a web browser.
class NavigationHistory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NavigationHistory)

public:
    explicit NavigationHistory(QObject *parent = nullptr);

    // Goes to `location`, dropping the forward entries. Going where we already are does nothing.
    void navigate(const Location &location);
    void back();
    void forward();

    [[nodiscard]] bool canGoBack() const { return m_index > 0; }
    [[nodiscard]] bool canGoForward() const { return m_index + 1 < m_entries.size(); }
    [[nodiscard]] const Location &current() const { return m_entries.at(m_index); }
    [[nodiscard]] qsizetype size() const { return m_entries.size(); }

Q_SIGNALS:
    void currentChanged(const Shop::Storefront::Location &location);
    void availabilityChanged(bool canGoBack, bool canGoForward);

private:
    void emitChanged();

    QList<Location> m_entries;
    qsizetype m_index = 0;
};

} // namespace Shop::Storefront
