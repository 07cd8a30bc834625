#pragma once

#include "client/admincatalogclient.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace Shop::Admin {

// A save answered 412: someone changed the product since it was read. Shows both versions side
// by side (the fields that differ in bold) and lets staff keep theirs (sent again with the
// server's new entity tag) or take the server's (nothing is sent).
class ProductConflictDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductConflictDialog)

public:
    enum Choice { KeepMine = 1, TakeServers = 2 };

    ProductConflictDialog(const Client::ProductDraft &mine, const Client::AdminProduct &servers,
                          QWidget *parent = nullptr);

    [[nodiscard]] const Client::ProductDraft &mine() const { return m_mine; }
    [[nodiscard]] const Client::AdminProduct &servers() const { return m_servers; }
    [[nodiscard]] QTableWidget *table() const { return m_table; }
    [[nodiscard]] QPushButton *keepMineButton() const { return m_keepMine; }
    [[nodiscard]] QPushButton *takeServersButton() const { return m_takeServers; }
    // The rows (field names as shown) whose values differ.
    [[nodiscard]] QStringList differingFields() const;

private:
    void fill();

    Client::ProductDraft m_mine;
    Client::AdminProduct m_servers;
    QLabel *m_explanation;
    QTableWidget *m_table;
    QPushButton *m_keepMine;
    QPushButton *m_takeServers;
};

} // namespace Shop::Admin
