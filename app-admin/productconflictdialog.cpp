#include "productconflictdialog.h"

#include "widgets/retranslator.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Shop::Admin {

ProductConflictDialog::ProductConflictDialog(const Client::ProductDraft &mine,
                                             const Client::AdminProduct &servers, QWidget *parent)
    : QDialog(parent)
    , m_mine(mine)
    , m_servers(servers)
    , m_explanation(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_keepMine(new QPushButton(this))
    , m_takeServers(new QPushButton(this))
{
    setObjectName(QStringLiteral("productConflictDialog"));
    m_explanation->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("conflictTable"));
    m_table->setColumnCount(3);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    // The field names as wide as they need, both versions half of the rest each.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_keepMine->setObjectName(QStringLiteral("keepMineButton"));
    m_takeServers->setObjectName(QStringLiteral("takeServersButton"));
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_keepMine, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_takeServers, QDialogButtonBox::RejectRole);
    connect(m_keepMine, &QPushButton::clicked, this, [this] { done(KeepMine); });
    connect(m_takeServers, &QPushButton::clicked, this, [this] { done(TakeServers); });
    m_keepMine->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 100, fontMetrics().height() * 22);

    (new Widgets::Retranslator(this))->add([this] {
        setWindowTitle(tr("Someone else changed this product"));
        m_explanation->setText(
            tr("While you were editing, \"%1\" was changed on the server (by another staff member "
               "or an import). Compare both versions: keep yours to save it over the server's, "
               "or take the server's and drop your changes.")
                .arg(m_servers.product.name));
        m_keepMine->setText(tr("&Keep mine"));
        m_takeServers->setText(tr("&Take the server's"));
        m_table->setHorizontalHeaderLabels({tr("Field"), tr("Yours"), tr("On the server")});
        fill();
    });
}

void ProductConflictDialog::fill()
{
    const QLocale locale;
    const Client::ProductDraft server = Client::ProductDraft::fromProduct(m_servers.product);
    const auto yesNo = [](bool b) {
        return b ? tr("Active") : tr("Inactive");
    };
    const auto category = [this](const std::optional<CategoryId> &id) {
        if (!id) {
            return tr("(none)");
        }
        if (m_servers.product.categoryId == id && !m_servers.product.categoryName.isEmpty()) {
            return m_servers.product.categoryName;
        }
        return id->toString();
    };
    const QList<std::tuple<QString, QString, QString>> rows = {
        {tr("SKU"), m_mine.sku, server.sku},
        {tr("Name"), m_mine.name, server.name},
        {tr("Price"), m_mine.price.format(locale), server.price.format(locale)},
        {tr("Brand"), m_mine.brand, server.brand},
        {tr("Category"), category(m_mine.categoryId), category(server.categoryId)},
        {tr("Picture"), m_mine.imageUrl, server.imageUrl},
        {tr("Status"), yesNo(m_mine.isActive), yesNo(server.isActive)},
        {tr("Description"), m_mine.description, server.description},
    };
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const auto &[field, mine, theirs] = rows.at(row);
        const bool differs = mine.trimmed() != theirs.trimmed();
        const QStringList texts = {field, mine, theirs};
        for (int column = 0; column < 3; ++column) {
            auto *item = new QTableWidgetItem(texts.at(column).simplified());
            item->setToolTip(texts.at(column));
            if (differs) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            item->setData(Qt::UserRole, differs);
            m_table->setItem(row, column, item);
        }
    }
}

QStringList ProductConflictDialog::differingFields() const
{
    QStringList fields;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, 0)->data(Qt::UserRole).toBool()) {
            fields << m_table->item(row, 0)->text();
        }
    }
    return fields;
}

} // namespace Shop::Admin
