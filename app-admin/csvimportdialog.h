#pragma once

#include "client/admincatalogclient.h"

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Admin {

// The CSV import (POST /api/admin/products/import): pick a file, see its first rows, map the
// file's headers to the import's columns (matched by name where they agree), check it with a dry
// run that lists each row error, then import with a progress bar. The server checks everything
// again and writes all or nothing.
class CsvImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvImportDialog)

public:
    static constexpr int kPreviewRows = 20;
    static constexpr qint64 kMaxBytes = 20 * 1024 * 1024; // the server's limit

    CsvImportDialog(Widgets::AppContext &context, Client::AdminCatalogClient *client,
                    QWidget *parent = nullptr);

    // The import's columns, in the server's order (ProductImportRow::columns()).
    [[nodiscard]] static const QStringList &importColumns();

    // Reads and parses the file; false (and the reason shown) when it cannot be used.
    bool loadFile(const QString &path);
    // The file's column chosen for an import column; -1: not in the file (sent empty).
    [[nodiscard]] int mappedColumn(const QString &importColumn) const;
    void setMapping(const QString &importColumn, int fileColumn);
    // The file's records rewritten with the import's header, as they are sent.
    [[nodiscard]] QByteArray mappedCsv() const;

    void dryRun();
    void apply();

    [[nodiscard]] QTableWidget *previewTable() const { return m_preview; }
    [[nodiscard]] QTableWidget *mappingTable() const { return m_mapping; }
    [[nodiscard]] QTableWidget *errorTable() const { return m_errors; }
    [[nodiscard]] QLabel *reportLabel() const { return m_report; }
    [[nodiscard]] QPushButton *dryRunButton() const { return m_check; }
    [[nodiscard]] QPushButton *importButton() const { return m_import; }
    [[nodiscard]] QProgressBar *progressBar() const { return m_progress; }
    [[nodiscard]] bool isBusy() const { return m_busy; }
    [[nodiscard]] QStringList fileHeader() const { return m_header; }
    [[nodiscard]] int recordCount() const { return int(m_records.size()); }

Q_SIGNALS:
    void dryRunFinished(const Shop::Client::CsvImportReport &report);
    void imported(const Shop::Client::CsvImportReport &report);
    void failed(const QString &message);

private:
    void chooseFile();
    void fillPreview();
    void fillMapping();
    void showReport(const Client::CsvImportReport &report);
    void showError(const Error &error);
    void setBusy(bool busy);
    void updateButtons();

    Widgets::AppContext &m_context;
    QPointer<Client::AdminCatalogClient> m_client;
    QStringList m_header;
    QList<QStringList> m_records;
    QList<QComboBox *> m_mappingBoxes; // one per import column
    bool m_busy = false;
    bool m_checked = false; // a dry run without errors for the current file and mapping
    QLabel *m_help;
    QLineEdit *m_file;
    QPushButton *m_choose;
    QTableWidget *m_preview;
    QTableWidget *m_mapping;
    QPushButton *m_check;
    QPushButton *m_import;
    QProgressBar *m_progress;
    QLabel *m_report;
    QTableWidget *m_errors;
    QPushButton *m_close;
};

} // namespace Shop::Admin
