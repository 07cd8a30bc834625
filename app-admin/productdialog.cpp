#include "productdialog.h"

#include "client/catalogclient.h"
#include "client/usermessages.h"
#include "productconflictdialog.h"
#include "productimagespanel.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>

Q_LOGGING_CATEGORY(lcProductDialog, "shop.admin.productform", QtInfoMsg)

namespace Shop::Admin {

namespace {

void addCategories(QComboBox *box, const QList<Category> &categories, int depth)
{
    for (const Category &category : categories) {
        box->addItem(QString(depth * 4, u' ') + category.name, category.id.toString());
        addCategories(box, category.children, depth + 1);
    }
}

QLabel *errorLabel(QWidget *parent, const QString &field)
{
    auto *label = new QLabel(parent);
    label->setObjectName(field + QStringLiteral("Error"));
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    label->setPalette(palette);
    label->hide();
    return label;
}

} // namespace

ProductDialog::ProductDialog(Widgets::AppContext &context, Client::AdminCatalogClient *client,
                             const Currency &currency, const std::optional<ProductId> &id,
                             QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_client(client)
    , m_catalog(new Client::CatalogClient(context.api(), this))
    , m_currency(currency)
    , m_id(id)
    , m_sku(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_brand(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_price(new QLineEdit(this))
    , m_currencyLabel(new QLabel(this))
    , m_stock(new QSpinBox(this))
    , m_imageUrl(new QLineEdit(this))
    , m_active(new QCheckBox(this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("productDialog"));
    m_sku->setObjectName(QStringLiteral("skuEdit"));
    m_sku->setMaxLength(64);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setMaxLength(300);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(fontMetrics().height() * 6);
    m_brand->setObjectName(QStringLiteral("brandEdit"));
    m_brand->setMaxLength(100);
    m_category->setObjectName(QStringLiteral("categoryBox"));
    m_price->setObjectName(QStringLiteral("priceEdit"));
    m_stock->setObjectName(QStringLiteral("stockBox"));
    m_stock->setRange(0, INT_MAX);
    m_imageUrl->setObjectName(QStringLiteral("imageUrlEdit"));
    m_active->setObjectName(QStringLiteral("activeBox"));
    m_active->setChecked(true);
    m_message->setObjectName(QStringLiteral("productMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_save->setObjectName(QStringLiteral("saveProductButton"));
    m_save->setDefault(true);
    m_currencyLabel->setText(m_currency.code());

    auto *form = new QFormLayout;
    const auto row = [&](QLabel *label, QWidget *field, const QString &wireField) {
        auto *box = new QVBoxLayout;
        box->setSpacing(2);
        box->addWidget(field);
        QLabel *error = errorLabel(this, wireField);
        box->addWidget(error);
        m_errors.insert(wireField, error);
        label->setBuddy(field);
        form->addRow(label, box);
    };
    auto *skuLabel = new QLabel(this);
    auto *nameLabel = new QLabel(this);
    auto *descriptionLabel = new QLabel(this);
    auto *brandLabel = new QLabel(this);
    auto *categoryLabel = new QLabel(this);
    auto *priceLabel = new QLabel(this);
    auto *stockLabel = new QLabel(this);
    auto *imageLabel = new QLabel(this);
    auto *priceRow = new QWidget(this);
    auto *priceLayout = new QHBoxLayout(priceRow);
    priceLayout->setContentsMargins(0, 0, 0, 0);
    priceLayout->addWidget(m_price, 1);
    priceLayout->addWidget(m_currencyLabel);
    m_price->setMaximumWidth(fontMetrics().averageCharWidth() * 16);
    row(skuLabel, m_sku, QStringLiteral("sku"));
    row(nameLabel, m_name, QStringLiteral("name"));
    row(priceLabel, priceRow, QStringLiteral("price"));
    row(stockLabel, m_stock, QStringLiteral("stock_quantity"));
    row(brandLabel, m_brand, QStringLiteral("brand"));
    row(categoryLabel, m_category, QStringLiteral("category_id"));
    row(imageLabel, m_imageUrl, QStringLiteral("image_url"));
    row(descriptionLabel, m_description, QStringLiteral("description"));
    auto *activeBox = new QVBoxLayout;
    activeBox->addWidget(m_active);
    QLabel *activeError = errorLabel(this, QStringLiteral("is_active"));
    activeBox->addWidget(activeError);
    m_errors.insert(QStringLiteral("is_active"), activeError);
    form->addRow(QString(), activeBox);
    m_errors.insert(QStringLiteral("currency"), m_errors.value(QStringLiteral("price")));
    if (m_id) {
        // The stock is changed in the table or by stock intake, never by the form's PUT.
        stockLabel->hide();
        m_stock->hide();
    }

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(m_save, &QPushButton::clicked, this, &ProductDialog::save);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    connect(saveShortcut, &QShortcut::activated, this, &ProductDialog::save);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    if (m_id) {
        // Images belong to a product that exists: the form for a new one has none yet.
        m_images = new ProductImagesPanel(context, client, *m_id, this);
        layout->addWidget(m_images);
        connect(m_images, &ProductImagesPanel::primaryChanged, this,
                [this](const Client::AdminProduct &product) {
                    // The product's new revision and image_url: a later save sends its tag.
                    m_product.etag = product.etag;
                    m_product.revision = product.revision;
                    m_product.product.imageUrl = product.product.imageUrl;
                    m_imageUrl->setText(product.product.imageUrl);
                });
    }
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);

    (new Widgets::Retranslator(this))->add([=, this] {
        setWindowTitle(m_id ? tr("Edit product") : tr("New product"));
        skuLabel->setText(tr("&SKU:"));
        nameLabel->setText(tr("&Name:"));
        priceLabel->setText(tr("&Price:"));
        stockLabel->setText(tr("Initial s&tock:"));
        brandLabel->setText(tr("&Brand:"));
        categoryLabel->setText(tr("&Category:"));
        imageLabel->setText(tr("Picture &URL:"));
        descriptionLabel->setText(tr("&Description:"));
        m_active->setText(tr("&Active (shown in the storefront)"));
        m_sku->setPlaceholderText(tr("Letters, digits, . _ - (e.g. MUG-RED-01)"));
        m_price->setPlaceholderText(tr("e.g. 12.50"));
        m_imageUrl->setPlaceholderText(tr("Optional: https://… or /media/…"));
        m_save->setText(m_id ? tr("&Save") : tr("&Create"));
        m_cancel->setText(tr("Cancel"));
        if (m_category->count() > 0) {
            m_category->setItemText(0, tr("(no category)"));
        }
    });

    m_category->addItem(tr("(no category)"), QString());
    loadCategories();
    if (m_id) {
        load();
    } else {
        m_loaded = true;
    }
}

void ProductDialog::loadCategories()
{
    m_catalog->categories(this, [this](Result<QList<Category>> result) {
        if (!result) {
            qCWarning(lcProductDialog) << "categories not loaded:" << result.error().message;
            return;
        }
        const QString current = m_category->currentData().toString();
        addCategories(m_category, *result, 0);
        const QString wanted = m_pendingCategory ? m_pendingCategory->toString() : current;
        const int index = m_category->findData(wanted);
        m_category->setCurrentIndex(std::max(0, index));
    });
}

void ProductDialog::load()
{
    setBusy(true);
    setMessage(tr("Loading the product …"));
    m_client->product(*m_id, this, [this](Result<Client::AdminProduct> result) {
        setBusy(false);
        if (!result) {
            const auto text =
                Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
            setMessage(tr("The product could not be loaded: %1").arg(text.message));
            m_save->setEnabled(false);
            return;
        }
        m_product = *result;
        m_currency = m_product.product.price.currency();
        m_currencyLabel->setText(m_currency.code());
        fillForm(m_product.product);
        m_loaded = true;
        setMessage(QString());
        m_name->setFocus();
    });
}

void ProductDialog::fillForm(const Product &product)
{
    m_sku->setText(product.sku);
    m_name->setText(product.name);
    m_description->setPlainText(product.description);
    m_brand->setText(product.brand);
    m_price->setText(product.price.toDecimalString());
    m_imageUrl->setText(product.imageUrl);
    m_active->setChecked(product.isActive);
    m_pendingCategory = product.categoryId;
    const int index =
        m_category->findData(product.categoryId ? product.categoryId->toString() : QString());
    if (index >= 0) {
        m_category->setCurrentIndex(index);
    }
}

ProductConflictDialog *ProductDialog::conflictDialog() const
{
    return m_conflict;
}

QString ProductDialog::fieldError(const QString &field) const
{
    QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void ProductDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors)) {
        label->clear();
        label->hide();
    }
    setMessage(QString());
}

void ProductDialog::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ProductDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_save->setEnabled(!busy);
}

std::optional<Client::ProductDraft> ProductDialog::draft()
{
    Client::ProductDraft d =
        m_id ? Client::ProductDraft::fromProduct(m_product.product) : Client::ProductDraft {};
    d.sku = m_sku->text().trimmed();
    d.name = m_name->text().trimmed();
    d.description = m_description->toPlainText().trimmed();
    d.brand = m_brand->text().trimmed();
    d.imageUrl = m_imageUrl->text().trimmed();
    d.isActive = m_active->isChecked();
    d.categoryId = CategoryId::parse(m_category->currentData().toString());
    // Either decimal mark: "12.50" or, in German, "12,50".
    QString price = m_price->text().trimmed();
    price.replace(u',', u'.');
    const auto money = Money::parseDecimal(price, m_currency);
    if (!money || money->isNegative()) {
        QLabel *label = m_errors.value(QStringLiteral("price"));
        label->setText(tr("Enter the price as a number with at most %n decimal place(s), for "
                          "example 12.50.",
                          nullptr, m_currency.exponent()));
        label->show();
        m_price->setFocus();
        return std::nullopt;
    }
    d.price = *money;
    if (!m_id) {
        d.initialStock = m_stock->value();
    }
    return d;
}

void ProductDialog::save()
{
    if (m_busy || !m_loaded || !m_client) {
        return;
    }
    clearErrors();
    const auto d = draft();
    if (!d) {
        return;
    }
    send(*d, m_product.etag);
}

void ProductDialog::send(const Client::ProductDraft &d, const QByteArray &etag)
{
    setBusy(true);
    const auto done = [this, d](Result<Client::AdminProduct> result) {
        onAnswer(d, result);
    };
    if (m_id) {
        m_client->updateProduct(*m_id, d, etag, this, done);
    } else {
        m_client->createProduct(d, this, done);
    }
}

void ProductDialog::onAnswer(const Client::ProductDraft &d, Result<Client::AdminProduct> result)
{
    setBusy(false);
    if (result) {
        m_product = *result;
        qCInfo(lcProductDialog) << "saved product" << m_product.product.id.toString();
        Q_EMIT saved(m_product);
        accept();
        return;
    }
    const Error &error = result.error();
    if (error.code == ErrorCode::PreconditionFailed && m_id) {
        showConflict(d);
        return;
    }
    if (error.code == ErrorCode::Validation && !error.fieldErrors.isEmpty()) {
        showFieldErrors(error);
        return;
    }
    const auto text = Client::UserMessages::describe(error, m_context.api()->baseUrl());
    setMessage(tr("Not saved: %1").arg(text.message));
}

void ProductDialog::showFieldErrors(const Error &error)
{
    QStringList other;
    QWidget *first = nullptr;
    const QHash<QString, QWidget *> fields = {
        {QStringLiteral("sku"), m_sku},
        {QStringLiteral("name"), m_name},
        {QStringLiteral("description"), m_description},
        {QStringLiteral("brand"), m_brand},
        {QStringLiteral("category_id"), m_category},
        {QStringLiteral("price"), m_price},
        {QStringLiteral("currency"), m_price},
        {QStringLiteral("image_url"), m_imageUrl},
        {QStringLiteral("is_active"), m_active},
        {QStringLiteral("stock_quantity"), m_stock},
    };
    for (const FieldError &field : error.fieldErrors) {
        QLabel *label = m_errors.value(field.field);
        if (!label) {
            other << field.message;
            continue;
        }
        // Translated where the code says it all; else the server's words (they name the rule).
        QString message = field.message;
        if (field.field == QLatin1String("sku") && field.code == QLatin1String("taken")) {
            message = tr("Another product already has this SKU. Choose another one.");
        } else if (field.code == QLatin1String("required")) {
            message = Client::UserMessages::fieldError(field);
        }
        const QString text = label->text().isEmpty() ? message : label->text() + u'\n' + message;
        label->setText(text);
        label->show();
        if (!first) {
            first = fields.value(field.field);
        }
    }
    setMessage(other.isEmpty()
                   ? tr("The server did not accept some fields. Correct them and save again.")
                   : tr("The server did not accept the product: %1").arg(other.join(u' ')));
    if (first) {
        first->setFocus();
    }
}

void ProductDialog::showConflict(const Client::ProductDraft &mine)
{
    setBusy(true);
    setMessage(tr("Someone else changed this product meanwhile; loading their version …"));
    m_client->product(*m_id, this, [this, mine](Result<Client::AdminProduct> result) {
        setBusy(false);
        if (!result) {
            const auto text =
                Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
            setMessage(tr("Someone else changed this product, and their version could not be "
                          "loaded: %1")
                           .arg(text.message));
            return;
        }
        const Client::AdminProduct servers = *result;
        m_conflict = new ProductConflictDialog(mine, servers, this);
        m_conflict->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_conflict, &QDialog::finished, this, [this, mine, servers](int choice) {
            if (choice == ProductConflictDialog::KeepMine) {
                m_product = servers;
                send(mine, servers.etag); // the new tag: saved unless it changed again
            } else if (choice == ProductConflictDialog::TakeServers) {
                m_product = servers;
                fillForm(servers.product);
                Q_EMIT saved(servers);
                accept();
            } else {
                // Closed without a choice: the form keeps the staff's values and the old tag.
                setMessage(tr("Not saved: the product changed on the server. Save again to "
                              "compare the versions."));
            }
        });
        m_conflict->open();
        Q_EMIT conflictShown(m_conflict);
    });
}

} // namespace Shop::Admin
