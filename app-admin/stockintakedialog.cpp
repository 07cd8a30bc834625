#include "stockintakedialog.h"

#include "client/apiclient.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"

#include <QCloseEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcStockIntake, "shop.admin.stockintake", QtInfoMsg)

namespace Shop::Admin {

// --- StockIntakeDialog ----------------------------------------------------------------------

StockIntakeDialog::StockIntakeDialog(Widgets::AppContext &context,
                                     Client::AdminCatalogClient *client, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_client(client)
    , m_help(new QLabel(this))
    , m_scan(new QLineEdit(this))
    , m_product(new QLabel(this))
    , m_quantity(new QSpinBox(this))
    , m_lines(new QTableWidget(this))
    , m_summary(new QLabel(this))
    , m_remove(new QPushButton(this))
    , m_confirm(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("stockIntakeDialog"));
    m_help->setWordWrap(true);
    m_scan->setObjectName(QStringLiteral("scanEdit"));
    m_scan->setClearButtonEnabled(true);
    m_scan->installEventFilter(this);
    m_product->setObjectName(QStringLiteral("scannedProduct"));
    m_product->setWordWrap(true);
    m_quantity->setObjectName(QStringLiteral("quantityBox"));
    m_quantity->setRange(1, 1'000'000);
    m_quantity->setEnabled(false);
    m_quantity->installEventFilter(this);
    m_lines->setObjectName(QStringLiteral("intakeLines"));
    m_lines->setColumnCount(ColumnCount);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->setSelectionMode(QAbstractItemView::SingleSelection);
    m_lines->verticalHeader()->hide();
    m_lines->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_lines->horizontalHeader()->setSectionResizeMode(ResultColumn, QHeaderView::Stretch);
    m_lines->installEventFilter(this);
    m_summary->setObjectName(QStringLiteral("intakeSummary"));
    m_summary->setWordWrap(true);
    m_remove->setObjectName(QStringLiteral("removeLineButton"));
    m_confirm->setObjectName(QStringLiteral("confirmIntakeButton"));
    // Enter belongs to the scanner and the quantity, never to a button.
    for (QPushButton *button : {m_remove, m_confirm, m_close}) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }

    auto *form = new QFormLayout;
    auto *scanLabel = new QLabel(this);
    auto *quantityLabel = new QLabel(this);
    scanLabel->setBuddy(m_scan);
    quantityLabel->setBuddy(m_quantity);
    form->addRow(scanLabel, m_scan);
    form->addRow(QString(), m_product);
    form->addRow(quantityLabel, m_quantity);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_confirm);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_help);
    layout->addLayout(form);
    layout->addWidget(m_lines, 1);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    resize(fontMetrics().averageCharWidth() * 100, fontMetrics().height() * 30);

    connect(m_scan, &QLineEdit::returnPressed, this, &StockIntakeDialog::onScanned);
    connect(m_remove, &QPushButton::clicked, this, [this] { removeLine(m_lines->currentRow()); });
    connect(m_confirm, &QPushButton::clicked, this, &StockIntakeDialog::confirm);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_lines, &QTableWidget::itemSelectionChanged, this, &StockIntakeDialog::updateButtons);
    for (const auto &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, &StockIntakeDialog::confirm);
    }

    (new Widgets::Retranslator(this))->add([=, this] {
        setWindowTitle(tr("Stock Intake"));
        m_help->setText(tr("Scan a product's barcode (or type its SKU and press Enter), type the "
                           "quantity received and press Enter. Check the list, remove wrong "
                           "lines with Delete, then confirm with Ctrl+Enter: each line is "
                           "added to the stock as received."));
        scanLabel->setText(tr("&SKU:"));
        quantityLabel->setText(tr("&Quantity:"));
        m_scan->setPlaceholderText(tr("Scan or type a SKU, then Enter"));
        m_lines->setHorizontalHeaderLabels(
            {tr("SKU"), tr("Product"), tr("Quantity"), tr("Result")});
        m_remove->setText(tr("&Remove Line"));
        m_confirm->setText(tr("&Confirm Intake"));
        m_close->setText(tr("Close"));
        if (!m_current && !m_lookingUp) {
            m_product->setText(tr("No product scanned yet."));
        }
        refreshTable();
    });
    updateButtons();
    m_scan->setFocus();
}

bool StockIntakeDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && !(key->modifiers() & Qt::ControlModifier);
        const bool ctrlEnter = (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & Qt::ControlModifier);
        if (ctrlEnter && (watched == m_scan || watched == m_quantity || watched == m_lines)) {
            confirm(); // also the dialog's shortcut; here when the key reaches the field
            return true;
        }
        if (watched == m_quantity && enter) {
            m_quantity->interpretText();
            addLine();
            return true;
        }
        if (watched == m_quantity && key->key() == Qt::Key_Escape) {
            m_current.reset();
            m_quantity->setEnabled(false);
            m_product->setText(tr("Cancelled. Scan the next product."));
            m_scan->setFocus();
            m_scan->selectAll();
            return true;
        }
        if (watched == m_lines
            && (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace)) {
            removeLine(m_lines->currentRow());
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void StockIntakeDialog::closeEvent(QCloseEvent *event)
{
    if (m_sending) {
        event->ignore(); // the answers are still arriving
        return;
    }
    QDialog::closeEvent(event);
}

void StockIntakeDialog::onScanned()
{
    const QString sku = m_scan->text().trimmed();
    if (sku.isEmpty() || m_lookingUp) {
        return;
    }
    m_lookingUp = true;
    m_current.reset();
    m_quantity->setEnabled(false);
    m_product->setText(tr("Looking up %1 …").arg(sku));
    // One request per scan: the staff list filtered by the exact SKU (active or not) answers
    // the product with its current stock.
    m_client->productBySku(
        sku, this, [this, sku](Result<std::optional<Client::AdminProduct>> found) {
            m_lookingUp = false;
            if (!found || !*found) {
                if (!found) {
                    const auto text =
                        Client::UserMessages::describe(found.error(), m_context.api()->baseUrl());
                    m_product->setText(tr("Could not look up %1: %2").arg(sku, text.message));
                } else {
                    m_product->setText(tr("No product has the SKU \"%1\". Check the label, or "
                                          "create the product first (Products, Ctrl+N).")
                                           .arg(sku));
                }
                m_scan->setFocus();
                m_scan->selectAll();
                return;
            }
            showProduct((*found)->product);
        });
}

void StockIntakeDialog::showProduct(const Product &product)
{
    m_current = product;
    int pending = 0;
    for (const Line &line : std::as_const(m_lineData)) {
        if (line.product.id == product.id && line.state != LineState::Done) {
            pending += line.quantity;
        }
    }
    QString text = tr("%1 (%2): %3 in stock.")
                       .arg(product.name, product.sku, QLocale().toString(product.stockQuantity));
    if (pending > 0) {
        text += u' ' + tr("%1 already on this list.").arg(QLocale().toString(pending));
    }
    m_product->setText(text);
    m_quantity->setEnabled(true);
    m_quantity->setValue(1);
    m_quantity->setFocus();
    m_quantity->selectAll();
}

void StockIntakeDialog::addLine()
{
    if (!m_current) {
        return;
    }
    const int quantity = m_quantity->value();
    bool merged = false;
    for (Line &line : m_lineData) {
        if (line.product.id == m_current->id && line.state == LineState::Pending) {
            line.quantity += quantity; // the same product scanned again
            merged = true;
            break;
        }
    }
    if (!merged) {
        // The line's Idempotency-Key: a confirmation repeated after a failure (a timeout, the
        // server unreachable) sends it again, so an adjustment that did arrive is not applied
        // twice. The quantity of a line never changes once it was sent.
        m_lineData.append(
            {*m_current, quantity, LineState::Pending, {}, Client::ApiClient::newIdempotencyKey()});
    }
    qCDebug(lcStockIntake) << "line" << m_current->sku << quantity;
    m_product->setText(tr("Added %1 × %2. Scan the next product.")
                           .arg(QLocale().toString(quantity), m_current->name));
    m_current.reset();
    m_quantity->setEnabled(false);
    refreshTable();
    m_lines->scrollToBottom();
    m_scan->clear();
    m_scan->setFocus();
}

void StockIntakeDialog::removeLine(int row)
{
    if (row < 0 || row >= m_lineData.size() || m_sending) {
        return;
    }
    if (m_lineData.at(row).state == LineState::Done) {
        m_summary->setText(tr("That line is already in the stock; it cannot be removed here. "
                              "Correct the stock in the products table instead."));
        return;
    }
    m_lineData.removeAt(row);
    refreshTable();
    m_scan->setFocus();
}

StockIntakeDialog::LineState StockIntakeDialog::lineState(int row) const
{
    return m_lineData.value(row).state;
}

int StockIntakeDialog::lineCount() const
{
    return int(m_lineData.size());
}

void StockIntakeDialog::refreshTable()
{
    const QLocale locale;
    m_lines->setRowCount(int(m_lineData.size()));
    for (int row = 0; row < m_lineData.size(); ++row) {
        const Line &line = m_lineData.at(row);
        QString result;
        switch (line.state) {
        case LineState::Pending:
            result = tr("Not confirmed yet");
            break;
        case LineState::Sending:
            result = tr("Sending …");
            break;
        case LineState::Done:
        case LineState::Failed:
            result = line.result;
            break;
        }
        const QStringList texts = {line.product.sku, line.product.name,
                                   locale.toString(line.quantity), result};
        for (int column = 0; column < ColumnCount; ++column) {
            QTableWidgetItem *item = m_lines->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_lines->setItem(row, column, item);
            }
            item->setText(texts.at(column));
            if (column == QuantityColumn) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            item->setForeground(line.state == LineState::Failed
                                    ? QColor(0xb0, 0x1c, 0x1c)
                                    : m_lines->palette().text().color());
        }
    }
    updateButtons();
}

void StockIntakeDialog::updateButtons()
{
    bool pending = false;
    for (const Line &line : std::as_const(m_lineData)) {
        pending = pending || line.state == LineState::Pending || line.state == LineState::Failed;
    }
    m_confirm->setEnabled(pending && !m_sending);
    const int row = m_lines->currentRow();
    m_remove->setEnabled(!m_sending && row >= 0 && row < m_lineData.size()
                         && m_lineData.at(row).state != LineState::Done);
}

void StockIntakeDialog::confirm()
{
    if (m_sending || !m_client) {
        return;
    }
    bool any = false;
    for (Line &line : m_lineData) {
        if (line.state == LineState::Pending || line.state == LineState::Failed) {
            line.state = LineState::Sending;
            any = true;
        }
    }
    if (!any) {
        return;
    }
    m_sending = true;
    m_sentOk = 0;
    m_sentFailed = 0;
    m_summary->setText(tr("Sending …"));
    refreshTable();
    sendNext();
}

void StockIntakeDialog::sendNext()
{
    int row = -1;
    for (int i = 0; i < m_lineData.size(); ++i) {
        if (m_lineData.at(i).state == LineState::Sending) {
            row = i;
            break;
        }
    }
    if (row < 0) {
        m_sending = false;
        m_summary->setText(m_sentFailed == 0
                               ? tr("%n line(s) added to the stock.", nullptr, m_sentOk)
                               : tr("%1 added to the stock; %2 failed (shown in red): correct "
                                    "or remove them and confirm again.")
                                     .arg(tr("%n line(s)", nullptr, m_sentOk))
                                     .arg(m_sentFailed));
        refreshTable();
        if (m_sentOk > 0) {
            Q_EMIT stockChanged();
        }
        Q_EMIT confirmed(m_sentOk, m_sentFailed);
        return;
    }
    const Line line = m_lineData.at(row);
    const Client::StockAdjustment adjustment {line.quantity, QStringLiteral("received"),
                                              tr("Stock intake"), line.idempotencyKey};
    const ProductId id = line.product.id;
    m_client->adjustStock(id, adjustment, this, [this, id](Result<Client::StockMovement> result) {
        for (Line &line : m_lineData) {
            if (line.product.id != id || line.state != LineState::Sending) {
                continue;
            }
            if (result) {
                line.state = LineState::Done;
                line.result =
                    tr("Done: %1 in stock now").arg(QLocale().toString(result->stockQuantity));
                ++m_sentOk;
            } else {
                line.state = LineState::Failed;
                const auto text =
                    Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
                line.result = tr("Failed: %1").arg(text.message);
                ++m_sentFailed;
            }
            break;
        }
        refreshTable();
        sendNext();
    });
}

} // namespace Shop::Admin
