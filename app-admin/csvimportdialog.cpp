#include "csvimportdialog.h"

#include "client/usermessages.h"
#include "csvreader.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"

#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcCsvImport, "shop.admin.csvimport", QtInfoMsg)

namespace Shop::Admin {

namespace {

// "Stock Quantity", "stock-quantity" and "stock_quantity" are one name.
QString normalised(QString name)
{
    name = name.trimmed().toLower();
    if (name.startsWith(QChar(0xfeff))) {
        name.remove(0, 1);
    }
    QString out;
    for (const QChar c : std::as_const(name)) {
        if (c.isLetterOrNumber()) {
            out += c;
        }
    }
    return out;
}

QByteArray csvField(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n')
        || bytes.contains('\r')) {
        bytes.replace('"', "\"\"");
        return '"' + bytes + '"';
    }
    return bytes;
}

} // namespace

const QStringList &CsvImportDialog::importColumns()
{
    static const QStringList columns {
        QStringLiteral("sku"),   QStringLiteral("name"),           QStringLiteral("description"),
        QStringLiteral("price"), QStringLiteral("category_slug"),  QStringLiteral("category_name"),
        QStringLiteral("brand"), QStringLiteral("stock_quantity"), QStringLiteral("image_url"),
    };
    return columns;
}

CsvImportDialog::CsvImportDialog(Widgets::AppContext &context, Client::AdminCatalogClient *client,
                                 QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_client(client)
    , m_help(new QLabel(this))
    , m_file(new QLineEdit(this))
    , m_choose(new QPushButton(this))
    , m_preview(new QTableWidget(this))
    , m_mapping(new QTableWidget(this))
    , m_check(new QPushButton(this))
    , m_import(new QPushButton(this))
    , m_progress(new QProgressBar(this))
    , m_report(new QLabel(this))
    , m_errors(new QTableWidget(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("csvImportDialog"));
    m_help->setWordWrap(true);
    m_file->setObjectName(QStringLiteral("csvFileEdit"));
    m_file->setReadOnly(true);
    m_choose->setObjectName(QStringLiteral("chooseCsvButton"));
    m_preview->setObjectName(QStringLiteral("csvPreview"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 3 / 2);
    m_mapping->setObjectName(QStringLiteral("csvMapping"));
    m_mapping->setColumnCount(2);
    m_mapping->verticalHeader()->hide();
    m_mapping->horizontalHeader()->setStretchLastSection(true);
    m_mapping->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_check->setObjectName(QStringLiteral("csvDryRunButton"));
    m_import->setObjectName(QStringLiteral("csvImportButton"));
    m_progress->setObjectName(QStringLiteral("csvProgress"));
    m_progress->hide();
    m_report->setObjectName(QStringLiteral("csvReport"));
    m_report->setWordWrap(true);
    m_errors->setObjectName(QStringLiteral("csvErrors"));
    m_errors->setColumnCount(3);
    m_errors->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_errors->verticalHeader()->hide();
    m_errors->horizontalHeader()->setStretchLastSection(true);
    m_errors->hide();
    for (QPushButton *button : {m_choose, m_check, m_import, m_close}) {
        button->setAutoDefault(false);
    }

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_choose);
    auto *tables = new QHBoxLayout;
    tables->addWidget(m_preview, 3);
    tables->addWidget(m_mapping, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addStretch(0);
    buttons->addWidget(m_check);
    buttons->addWidget(m_import);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_help);
    layout->addLayout(fileRow);
    layout->addLayout(tables, 2);
    layout->addWidget(m_report);
    layout->addWidget(m_errors, 1);
    layout->addLayout(buttons);
    resize(fontMetrics().averageCharWidth() * 140, fontMetrics().height() * 36);

    connect(m_choose, &QPushButton::clicked, this, &CsvImportDialog::chooseFile);
    connect(m_check, &QPushButton::clicked, this, &CsvImportDialog::dryRun);
    connect(m_import, &QPushButton::clicked, this, &CsvImportDialog::apply);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);

    (new Widgets::Retranslator(this))->add([this] {
        setWindowTitle(tr("Import Products from CSV"));
        m_help->setText(tr("Choose a CSV file (UTF-8, comma-separated, a header line). Check that "
                           "each of the import's columns takes the right column of the file, "
                           "then run the check: it lists every row the server would refuse and "
                           "changes nothing. Import writes all rows or, if any is wrong, none."));
        m_file->setPlaceholderText(tr("No file chosen"));
        m_choose->setText(tr("C&hoose File …"));
        m_check->setText(tr("&Check (Dry Run)"));
        m_import->setText(tr("&Import"));
        m_close->setText(tr("Close"));
        m_mapping->setHorizontalHeaderLabels({tr("Import column"), tr("Column of the file")});
        m_errors->setHorizontalHeaderLabels({tr("Row"), tr("Column"), tr("Problem")});
        for (QComboBox *box : std::as_const(m_mappingBoxes)) {
            box->setItemText(0, tr("(not in the file: empty)"));
        }
    });
    updateButtons();
}

void CsvImportDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Products from CSV"), {},
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty()) {
        loadFile(path);
    }
}

bool CsvImportDialog::loadFile(const QString &path)
{
    m_header.clear();
    m_records.clear();
    m_checked = false;
    m_errors->hide();
    QFile file(path);
    const auto failWith = [this](const QString &text) {
        m_report->setText(text);
        fillPreview();
        fillMapping();
        updateButtons();
        Q_EMIT failed(text);
        return false;
    };
    if (!file.open(QIODevice::ReadOnly)) {
        return failWith(tr("The file %1 cannot be read: %2").arg(path, file.errorString()));
    }
    if (file.size() > kMaxBytes) {
        return failWith(tr("The file is %1; the import takes at most %2. Split it into smaller "
                           "files.")
                            .arg(QLocale().formattedDataSize(file.size()),
                                 QLocale().formattedDataSize(kMaxBytes)));
    }
    QByteArray bytes = file.readAll();
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    while (auto record = reader.next()) {
        if (!*record) {
            return failWith(tr("The file is not valid CSV: %1").arg(record->error().message));
        }
        if (m_header.isEmpty()) {
            m_header = **record;
        } else if (!(record->value().size() == 1 && record->value().first().isEmpty())) {
            m_records.append(**record);
        }
    }
    if (m_header.isEmpty()) {
        return failWith(tr("The file is empty. It needs a header line and one line per product."));
    }
    m_file->setText(QFileInfo(path).fileName());
    m_file->setToolTip(path);
    m_report->setText(tr("%1: %n product row(s). Check the columns, then run the check.", nullptr,
                         int(m_records.size()))
                          .arg(QFileInfo(path).fileName()));
    qCInfo(lcCsvImport) << "loaded" << m_records.size() << "rows with" << m_header.size()
                        << "columns";
    fillPreview();
    fillMapping();
    updateButtons();
    return true;
}

void CsvImportDialog::fillPreview()
{
    m_preview->clear();
    m_preview->setColumnCount(int(m_header.size()));
    m_preview->setHorizontalHeaderLabels(m_header);
    const int rows = int(std::min<qsizetype>(kPreviewRows, m_records.size()));
    m_preview->setRowCount(rows);
    for (int row = 0; row < rows; ++row) {
        const QStringList &record = m_records.at(row);
        for (int column = 0; column < m_header.size(); ++column) {
            m_preview->setItem(row, column,
                               new QTableWidgetItem(record.value(column).simplified()));
        }
    }
}

void CsvImportDialog::fillMapping()
{
    m_mapping->setRowCount(int(importColumns().size()));
    m_mappingBoxes.clear();
    QList<QString> normalisedHeader;
    for (const QString &name : std::as_const(m_header)) {
        normalisedHeader << normalised(name);
    }
    for (int row = 0; row < importColumns().size(); ++row) {
        const QString &column = importColumns().at(row);
        m_mapping->setItem(row, 0, new QTableWidgetItem(column));
        auto *box = new QComboBox(m_mapping);
        box->setObjectName(QStringLiteral("map_") + column);
        box->addItem(tr("(not in the file: empty)"), -1);
        for (int i = 0; i < m_header.size(); ++i) {
            box->addItem(m_header.at(i), i);
        }
        const int match = int(normalisedHeader.indexOf(normalised(column)));
        box->setCurrentIndex(match + 1);
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            m_checked = false;
            updateButtons();
        });
        m_mapping->setCellWidget(row, 1, box);
        m_mappingBoxes.append(box);
    }
}

int CsvImportDialog::mappedColumn(const QString &importColumn) const
{
    const qsizetype row = importColumns().indexOf(importColumn);
    if (row < 0 || row >= m_mappingBoxes.size()) {
        return -1;
    }
    return m_mappingBoxes.at(row)->currentData().toInt();
}

void CsvImportDialog::setMapping(const QString &importColumn, int fileColumn)
{
    const qsizetype row = importColumns().indexOf(importColumn);
    if (row >= 0 && row < m_mappingBoxes.size()) {
        QComboBox *box = m_mappingBoxes.at(row);
        box->setCurrentIndex(std::max(0, box->findData(fileColumn)));
    }
}

QByteArray CsvImportDialog::mappedCsv() const
{
    QList<int> sources;
    for (const QString &column : importColumns()) {
        sources << mappedColumn(column);
    }
    QByteArray out = importColumns().join(u',').toUtf8() + '\n';
    for (const QStringList &record : m_records) {
        QByteArrayList fields;
        for (const int source : sources) {
            fields << csvField(source >= 0 ? record.value(source) : QString());
        }
        out += fields.join(',') + '\n';
    }
    return out;
}

void CsvImportDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_progress->setRange(0, 0); // one request: busy, no fraction to show
    updateButtons();
}

void CsvImportDialog::updateButtons()
{
    const bool loaded = !m_header.isEmpty() && !m_records.isEmpty();
    m_check->setEnabled(loaded && !m_busy);
    m_import->setEnabled(loaded && !m_busy && m_checked);
    m_choose->setEnabled(!m_busy);
    m_mapping->setEnabled(!m_busy);
}

void CsvImportDialog::dryRun()
{
    if (m_busy || !m_client || m_records.isEmpty()) {
        return;
    }
    setBusy(true);
    m_report->setText(tr("Checking %n row(s) …", nullptr, int(m_records.size())));
    m_client->importCsv(mappedCsv(), true, this, [this](Result<Client::CsvImportReport> result) {
        setBusy(false);
        if (!result) {
            showError(result.error());
            return;
        }
        m_checked = result->errors.isEmpty();
        showReport(*result);
        updateButtons();
        Q_EMIT dryRunFinished(*result);
    });
}

void CsvImportDialog::apply()
{
    if (m_busy || !m_client || !m_checked) {
        return;
    }
    setBusy(true);
    m_report->setText(tr("Importing %n row(s) …", nullptr, int(m_records.size())));
    m_client->importCsv(mappedCsv(), false, this, [this](Result<Client::CsvImportReport> result) {
        setBusy(false);
        if (!result) {
            showError(result.error());
            return;
        }
        m_checked = false;
        showReport(*result);
        updateButtons();
        if (result->errors.isEmpty()) {
            Q_EMIT imported(*result);
        }
    });
}

void CsvImportDialog::showReport(const Client::CsvImportReport &report)
{
    const QLocale locale;
    QString text;
    if (!report.errors.isEmpty()) {
        text = tr("%n row(s) would be refused; nothing was written. Correct the file or the "
                  "column mapping and check again.",
                  nullptr, int(report.errors.size()));
    } else if (report.dryRun) {
        text = tr("The check found no problems: %1 new, %2 changed, %3 unchanged. Import writes "
                  "them.")
                   .arg(locale.toString(report.created), locale.toString(report.updated),
                        locale.toString(report.unchanged));
    } else {
        text = tr("Imported: %1 new, %2 changed, %3 unchanged.")
                   .arg(locale.toString(report.created), locale.toString(report.updated),
                        locale.toString(report.unchanged));
    }
    m_report->setText(text);
    m_errors->setRowCount(int(report.errors.size()));
    for (int row = 0; row < report.errors.size(); ++row) {
        const Client::CsvRowError &error = report.errors.at(row);
        m_errors->setItem(row, 0, new QTableWidgetItem(locale.toString(error.row)));
        m_errors->setItem(row, 1, new QTableWidgetItem(error.column));
        m_errors->setItem(row, 2, new QTableWidgetItem(error.message));
    }
    m_errors->setVisible(!report.errors.isEmpty());
}

void CsvImportDialog::showError(const Error &error)
{
    const auto text = Client::UserMessages::describe(error, m_context.api()->baseUrl());
    m_report->setText(tr("The import did not run: %1").arg(text.message));
    Q_EMIT failed(text.message);
}

} // namespace Shop::Admin
