#include "client/admincatalogclient.h"
#include "client/apiclient.h"
#include "client/secretstore.h"
#include "client/settings.h"
#include "csvimportdialog.h"
#include "widgets/appcontext.h"
#include "widgets/translationloader.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Shop;
using namespace Shop::Admin;
using namespace Shop::Client;
using Shop::Widgets::AppContext;

// The CSV import window's own work, before anything is sent: a file whose headers differ from
// the import's columns is read (quoted fields with commas and line breaks), its first rows shown,
// the columns that agree by name mapped on their own, the others chosen by hand, and the file
// rewritten with the import's header exactly as it will be sent; broken files explained.
class TestAdminCsvImport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void previewAndMapping();
    void brokenFiles();

private:
    [[nodiscard]] QString write(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<AdminCatalogClient> m_client;
};

void TestAdminCsvImport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("admin.ini"))),
        std::make_unique<MemorySecretStore>());
    m_client = std::make_unique<AdminCatalogClient>(m_context->api());
}

QString TestAdminCsvImport::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        return {};
    }
    return path;
}

void TestAdminCsvImport::previewAndMapping()
{
    QByteArray csv = "\xEF\xBB\xBF" // a BOM, as spreadsheets write it
                     "SKU,Product Name,Price,Stock Quantity,Brand,Notes\n"
                     "MUG-1,\"Mug, red\",12.50,5,Acme,\"two\nlines\"\n";
    for (int i = 2; i <= 30; ++i) {
        csv += "MUG-" + QByteArray::number(i) + ",Mug " + QByteArray::number(i) + ",3.00,1,Acme,\n";
    }
    const QString path = write(QStringLiteral("products.csv"), csv);
    QVERIFY(!path.isEmpty());

    CsvImportDialog dialog(*m_context, m_client.get());
    dialog.show();
    QVERIFY(dialog.loadFile(path));
    QCOMPARE(dialog.recordCount(), 30);
    QCOMPARE(dialog.fileHeader().size(), 6);
    // The first rows only.
    QCOMPARE(dialog.previewTable()->rowCount(), CsvImportDialog::kPreviewRows);
    QCOMPARE(dialog.previewTable()->item(0, 1)->text(), QStringLiteral("Mug, red"));
    QVERIFY(dialog.reportLabel()->text().contains(QStringLiteral("30 product row")));

    // Matched by name (case, spaces and the BOM do not matter); the others not in the file.
    QCOMPARE(dialog.mappedColumn(QStringLiteral("sku")), 0);
    QCOMPARE(dialog.mappedColumn(QStringLiteral("price")), 2);
    QCOMPARE(dialog.mappedColumn(QStringLiteral("stock_quantity")), 3);
    QCOMPARE(dialog.mappedColumn(QStringLiteral("brand")), 4);
    QCOMPARE(dialog.mappedColumn(QStringLiteral("name")), -1);
    QCOMPARE(dialog.mappedColumn(QStringLiteral("description")), -1);
    QVERIFY(dialog.dryRunButton()->isEnabled());
    QVERIFY(!dialog.importButton()->isEnabled()); // only after a clean check

    // Chosen by hand in the mapping's combo box.
    auto *nameBox = dialog.mappingTable()->findChild<QComboBox *>(QStringLiteral("map_name"));
    QVERIFY(nameBox);
    nameBox->setCurrentIndex(nameBox->findText(QStringLiteral("Product Name")));
    QCOMPARE(dialog.mappedColumn(QStringLiteral("name")), 1);
    dialog.setMapping(QStringLiteral("description"), 5);

    const QList<QByteArray> lines = dialog.mappedCsv().split('\n');
    QCOMPARE(lines.at(0),
             QByteArray("sku,name,description,price,category_slug,category_name,"
                        "brand,stock_quantity,image_url"));
    QCOMPARE(lines.at(1), QByteArray("MUG-1,\"Mug, red\",\"two"));
    QCOMPARE(lines.at(2), QByteArray("lines\",12.50,,,Acme,5,"));
    QCOMPARE(lines.at(3), QByteArray("MUG-2,Mug 2,,3.00,,,Acme,1,"));
}

void TestAdminCsvImport::brokenFiles()
{
    CsvImportDialog dialog(*m_context, m_client.get());
    QSignalSpy failed(&dialog, &CsvImportDialog::failed);
    QVERIFY(!dialog.loadFile(m_dir.filePath(QStringLiteral("missing.csv"))));
    QVERIFY(dialog.reportLabel()->text().contains(QStringLiteral("cannot be read")));
    QVERIFY(!dialog.loadFile(write(QStringLiteral("empty.csv"), QByteArray())));
    QVERIFY(dialog.reportLabel()->text().contains(QStringLiteral("empty")));
    QVERIFY(!dialog.loadFile(write(QStringLiteral("quote.csv"), "sku,name\n\"open,quote\n")));
    QVERIFY(dialog.reportLabel()->text().contains(QStringLiteral("not valid CSV")));
    QCOMPARE(failed.count(), 3);
    QVERIFY(!dialog.dryRunButton()->isEnabled());
}

QTEST_MAIN(TestAdminCsvImport)
#include "tst_admincsvimport.moc"
