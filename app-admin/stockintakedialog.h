#pragma once

#include "client/admincatalogclient.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Admin {

// Stock intake with a barcode scanner (which types the SKU and Enter like a keyboard): scan, see
// the product, type the quantity, Enter; the running list of what was taken in can be changed
// (Delete removes a line) until Confirm (Ctrl+Enter) sends one "received" adjustment per line
// and shows each line's result. Lines that failed stay for another try (with the same
// Idempotency-Key, so one that did arrive is not added twice); the others are done. A scan is one
// request: GET /api/admin/products?sku= (exact SKU, active or not).
class StockIntakeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StockIntakeDialog)

public:
    enum Column { SkuColumn, NameColumn, QuantityColumn, ResultColumn, ColumnCount };
    enum class LineState { Pending, Sending, Done, Failed };

    StockIntakeDialog(Widgets::AppContext &context, Client::AdminCatalogClient *client,
                      QWidget *parent = nullptr);

    [[nodiscard]] QLineEdit *scanEdit() const { return m_scan; }
    [[nodiscard]] QSpinBox *quantityBox() const { return m_quantity; }
    [[nodiscard]] QLabel *productLabel() const { return m_product; }
    [[nodiscard]] QTableWidget *linesTable() const { return m_lines; }
    [[nodiscard]] QPushButton *confirmButton() const { return m_confirm; }
    [[nodiscard]] QPushButton *removeButton() const { return m_remove; }
    [[nodiscard]] QLabel *summaryLabel() const { return m_summary; }
    [[nodiscard]] bool isLookingUp() const { return m_lookingUp; }
    [[nodiscard]] bool isSending() const { return m_sending; }
    [[nodiscard]] LineState lineState(int row) const;
    [[nodiscard]] int lineCount() const;

    void removeLine(int row);
    void confirm();

Q_SIGNALS:
    void stockChanged();
    void confirmed(int succeeded, int failed);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    struct Line
    {
        Product product;
        int quantity = 0;
        LineState state = LineState::Pending;
        QString result;
        QByteArray idempotencyKey;
    };

    void onScanned();
    void showProduct(const Product &product);
    void addLine();
    void sendNext();
    void refreshTable();
    void updateButtons();

    Widgets::AppContext &m_context;
    QPointer<Client::AdminCatalogClient> m_client;
    std::optional<Product> m_current;
    QList<Line> m_lineData;
    bool m_lookingUp = false;
    bool m_sending = false;
    int m_sentOk = 0;
    int m_sentFailed = 0;
    QLabel *m_help;
    QLineEdit *m_scan;
    QLabel *m_product;
    QSpinBox *m_quantity;
    QTableWidget *m_lines;
    QLabel *m_summary;
    QPushButton *m_remove;
    QPushButton *m_confirm;
    QPushButton *m_close;
};

} // namespace Shop::Admin
