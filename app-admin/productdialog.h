#pragma once

#include "client/admincatalogclient.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace Shop::Client {
class CatalogClient;
}

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Admin {

class ProductConflictDialog;
class ProductImagesPanel;

// The product form: a new product (POST /api/products, with its initial stock) or an existing
// one (read with its entity tag from GET /api/admin/products/{id}, saved with PUT and If-Match;
// the stock is never part of it). The server's 422 field errors appear under their fields and
// the dialog stays open; a 412 opens ProductConflictDialog with both versions. Not modal for the
// rest of the app: open() it. Enter or Ctrl+S saves, Esc cancels.
class ProductDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductDialog)

public:
    // `currency`: the store's, for a new product's price. `id` empty: a new product.
    ProductDialog(Widgets::AppContext &context, Client::AdminCatalogClient *client,
                  const Currency &currency, const std::optional<ProductId> &id,
                  QWidget *parent = nullptr);

    [[nodiscard]] bool isNew() const { return !m_id; }
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    [[nodiscard]] bool isBusy() const { return m_busy; }
    [[nodiscard]] QLineEdit *skuEdit() const { return m_sku; }
    [[nodiscard]] QLineEdit *nameEdit() const { return m_name; }
    [[nodiscard]] QPlainTextEdit *descriptionEdit() const { return m_description; }
    [[nodiscard]] QLineEdit *brandEdit() const { return m_brand; }
    [[nodiscard]] QComboBox *categoryBox() const { return m_category; }
    [[nodiscard]] QLineEdit *priceEdit() const { return m_price; }
    [[nodiscard]] QSpinBox *stockBox() const { return m_stock; }
    [[nodiscard]] QLineEdit *imageUrlEdit() const { return m_imageUrl; }
    [[nodiscard]] QCheckBox *activeBox() const { return m_active; }
    [[nodiscard]] QPushButton *saveButton() const { return m_save; }
    [[nodiscard]] QLabel *messageLabel() const { return m_message; }
    // The product's images (existing products only; null in the form for a new product).
    [[nodiscard]] ProductImagesPanel *imagesPanel() const { return m_images; }
    // The error shown under a wire field ("sku", "price", ...); empty when none.
    [[nodiscard]] QString fieldError(const QString &field) const;
    [[nodiscard]] ProductConflictDialog *conflictDialog() const;
    [[nodiscard]] const Client::AdminProduct &loaded() const { return m_product; }

    void save();

Q_SIGNALS:
    // The server accepted the product (or staff took the server's version in a conflict).
    void saved(const Shop::Client::AdminProduct &product);
    void conflictShown(Shop::Admin::ProductConflictDialog *dialog);

private:
    void load();
    void loadCategories();
    void fillForm(const Product &product);
    [[nodiscard]] std::optional<Client::ProductDraft> draft();
    void send(const Client::ProductDraft &draft, const QByteArray &etag);
    void onAnswer(const Client::ProductDraft &draft, Result<Client::AdminProduct> result);
    void showConflict(const Client::ProductDraft &mine);
    void showFieldErrors(const Error &error);
    void clearErrors();
    void setBusy(bool busy);
    void setMessage(const QString &text);

    Widgets::AppContext &m_context;
    QPointer<Client::AdminCatalogClient> m_client;
    Client::CatalogClient *m_catalog;
    Currency m_currency;
    std::optional<ProductId> m_id;
    Client::AdminProduct m_product;
    std::optional<CategoryId> m_pendingCategory;
    ProductImagesPanel *m_images = nullptr;
    bool m_loaded = false;
    bool m_busy = false;
    QLineEdit *m_sku;
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    QLineEdit *m_brand;
    QComboBox *m_category;
    QLineEdit *m_price;
    QLabel *m_currencyLabel;
    QSpinBox *m_stock;
    QLineEdit *m_imageUrl;
    QCheckBox *m_active;
    QLabel *m_message;
    QPushButton *m_save;
    QPushButton *m_cancel;
    QHash<QString, QLabel *> m_errors; // wire field -> its error label
    QPointer<ProductConflictDialog> m_conflict;
};

} // namespace Shop::Admin
