#pragma once

#include "client/cartclient.h"

#include <QHash>
#include <QMessageBox>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTimer;
class QVBoxLayout;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

// The cart: one row per line (picture, name, quantity, remove, line total and a notice when the
// price changed since it was added, the stock is below the quantity or the product is no longer
// sold), the totals (tax "calculated at checkout" without an address), "Empty cart" (after a
// confirmation) and "Check out". It follows the CartClient: every view of the cart stays in step.
class CartPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CartPage)

public:
    CartPage(Widgets::AppContext &context, Client::CartClient *cart, QWidget *parent = nullptr);

    // Reads the cart again (the page is shown, Reload).
    void refresh();
    // Marks the lines a checkout found short (409); cleared by the next change of the cart.
    void showShortage(const QList<Client::ShortageLine> &lines);
    void askToEmpty();

    [[nodiscard]] QPushButton *checkoutButton() const { return m_checkout; }
    // The row of a line (object name "cartLine"), by product id; null when not shown.
    [[nodiscard]] QWidget *lineRow(const QString &productId) const;
    // The open "Empty the cart?" question, if any.
    [[nodiscard]] QMessageBox *emptyQuestion() const { return m_question; }

Q_SIGNALS:
    void checkoutRequested();
    void productActivated(const QString &productId);

private:
    struct Row
    {
        QWidget *widget = nullptr;
        QLabel *image = nullptr;
        QLabel *name = nullptr;
        QSpinBox *quantity = nullptr;
        QPushButton *remove = nullptr;
        QLabel *unitPrice = nullptr;
        QLabel *total = nullptr;
        QLabel *notice = nullptr;
        QTimer *debounce = nullptr;
        QString productId;
        QString imageUrl;
    };

    void rebuild();
    void updateRow(Row &row, const Commerce::CartLineView &line);
    void updateTotals();
    void updateImages();
    void showError(const Error &error);

    Widgets::AppContext &m_context;
    QPointer<Client::CartClient> m_cart;
    QStackedWidget *m_stack;
    QWidget *m_linesWidget;
    QVBoxLayout *m_lines;
    QList<QString> m_rowIds; // line ids in the order shown
    QHash<QString, Row> m_rows; // by line id
    QHash<QString, Client::ShortageLine> m_shortage; // by product id
    QLabel *m_heading;
    QLabel *m_empty;
    QLabel *m_subtotal;
    QLabel *m_tax;
    QLabel *m_shipping;
    QLabel *m_total;
    QLabel *m_taxNote;
    QLabel *m_message;
    QProgressBar *m_progress;
    QPushButton *m_emptyCart;
    QPushButton *m_checkout;
    QPointer<QMessageBox> m_question;
};

} // namespace Shop::Storefront
