#include "categoriespage.h"

#include "client/admincatalogclient.h"
#include "client/catalogclient.h"
#include "client/categorytreemodel.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"

#include <QAction>
#include <QDropEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcAdminCategories, "shop.admin.categories", QtInfoMsg)

namespace Shop::Admin {

using Client::CategoryTreeModel;

namespace {

QModelIndex findIndex(const QAbstractItemModel *model, const QModelIndex &parent, int role,
                      const QString &value)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (index.data(role).toString() == value) {
            return index;
        }
        if (const QModelIndex found = findIndex(model, index, role, value); found.isValid()) {
            return found;
        }
    }
    return {};
}

} // namespace

Qt::ItemFlags CategoryDragProxy::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QIdentityProxyModel::flags(index);
    if (index.isValid()) {
        f |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    } else {
        f |= Qt::ItemIsDropEnabled; // the empty space: to the top level
    }
    return f;
}

Qt::DropActions CategoryDragProxy::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions CategoryDragProxy::supportedDragActions() const
{
    return Qt::MoveAction;
}

void CategoryTreeView::dropEvent(QDropEvent *event)
{
    const QModelIndex source = currentIndex();
    if (event->source() != this || !source.isValid()) {
        event->ignore();
        return;
    }
    const QModelIndex target = indexAt(event->position().toPoint());
    QModelIndex parent;
    switch (dropIndicatorPosition()) {
    case QAbstractItemView::OnItem:
        parent = target;
        break;
    case QAbstractItemView::AboveItem:
    case QAbstractItemView::BelowItem:
        parent = target.parent();
        break;
    case QAbstractItemView::OnViewport:
        break;
    }
    // Nothing moves here (IgnoreAction: the drag removes no rows); the page asks the server.
    event->setDropAction(Qt::IgnoreAction);
    event->accept();
    setState(NoState);
    viewport()->update();
    const QString id = source.siblingAtColumn(0).data(CategoryTreeModel::IdRole).toString();
    const QString parentId = parent.isValid()
        ? parent.siblingAtColumn(0).data(CategoryTreeModel::IdRole).toString()
        : QString();
    if (!id.isEmpty() && id != parentId) {
        Q_EMIT moveRequested(id, parentId);
    }
}

CategoriesPage::CategoriesPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_catalog(new Client::CatalogClient(context.api(), this))
    , m_admin(new Client::AdminCatalogClient(context.api(), this))
    , m_model(new CategoryTreeModel(m_catalog, this))
    , m_proxy(new CategoryDragProxy(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new CategoryTreeView(this))
    , m_status(new Widgets::StatusPanel(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("categoriesPage"));
    auto *heading = new QLabel(this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);
    auto *note = new QLabel(this);
    note->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("categoriesMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("categoryTree"));
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(CategoryTreeModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(CategoryTreeModel::CountColumn,
                                           QHeaderView::ResizeToContents);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(note);
    layout->addWidget(m_message);
    layout->addWidget(m_stack, 1);

    connect(m_model, &CategoryTreeModel::stateChanged, this, &CategoriesPage::updateState);
    connect(m_model, &CategoryTreeModel::modelReset, m_view, &QTreeView::expandAll);
    connect(m_model, &CategoryTreeModel::loaded, this, [this] {
        if (m_selectAfterLoad.isEmpty()) {
            return;
        }
        QModelIndex index = findIndex(m_proxy, {}, CategoryTreeModel::IdRole, m_selectAfterLoad);
        if (!index.isValid()) {
            index = viewIndexForSlug(m_selectAfterLoad);
        }
        if (index.isValid()) {
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
        }
        m_selectAfterLoad.clear();
    });
    connect(m_view, &CategoryTreeView::moveRequested, this, &CategoriesPage::moveCategory);
    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &CategoriesPage::refresh);
    connect(&context, &Widgets::AppContext::serverChanged, this, &CategoriesPage::refresh);
    createActions();
    refresh();
    (new Widgets::Retranslator(this))->add([this, heading, note] {
        heading->setText(tr("Categories"));
        note->setText(tr("Ctrl+N creates a category, Ctrl+Shift+N one under the selected "
                         "category, F2 renames, Delete deletes an empty category. Drag a "
                         "category onto another to move it there, or onto the empty space to "
                         "move it to the top."));
        m_model->retranslate();
        updateState();
    });
}

void CategoriesPage::createActions()
{
    const auto make = [this](const char *name, const QKeySequence &keys, auto slot) {
        auto *action = new QAction(this);
        action->setObjectName(QString::fromLatin1(name));
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
        m_actions.append(action);
        return action;
    };
    const auto askName = [this](const QString &title, const QString &label,
                                const QString &current) -> std::optional<QString> {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, title, label, QLineEdit::Normal, current, &ok);
        if (!ok || name.trimmed().isEmpty()) {
            return std::nullopt;
        }
        return name.trimmed();
    };
    auto *create = make("newCategoryAction", QKeySequence::New, [this, askName] {
        if (const auto name = askName(tr("New category"), tr("Name of the new category:"), {})) {
            createCategory(*name, QString());
        }
    });
    auto *createChild = make(
        "newSubcategoryAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this, askName] {
            const QString parent = selectedId();
            if (parent.isEmpty()) {
                return;
            }
            if (const auto name =
                    askName(tr("New subcategory"),
                            tr("Name of the new category under \"%1\":").arg(nameOf(parent)), {})) {
                createCategory(*name, parent);
            }
        });
    auto *rename = make("renameCategoryAction", QKeySequence(Qt::Key_F2), [this, askName] {
        const QString id = selectedId();
        if (id.isEmpty()) {
            return;
        }
        if (const auto name = askName(tr("Rename category"), tr("New name:"), nameOf(id))) {
            renameCategory(id, *name);
        }
    });
    auto *remove = make("deleteCategoryAction", QKeySequence::Delete, [this] {
        const QString id = selectedId();
        if (id.isEmpty()) {
            return;
        }
        if (QMessageBox::question(this, tr("Delete category"),
                                  tr("Delete the category \"%1\"?").arg(nameOf(id)))
            == QMessageBox::Yes) {
            deleteCategory(id);
        }
    });
    (new Widgets::Retranslator(this))->add([=] {
        create->setText(tr("New &Category …"));
        createChild->setText(tr("New &Subcategory …"));
        rename->setText(tr("&Rename Category …"));
        remove->setText(tr("&Delete Category"));
    });
}

QString CategoriesPage::selectedId() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.siblingAtColumn(0).data(CategoryTreeModel::IdRole).toString()
                           : QString();
}

QModelIndex CategoriesPage::viewIndexForSlug(const QString &slug) const
{
    return m_proxy->mapFromSource(m_model->indexForSlug(slug));
}

QString CategoriesPage::nameOf(const QString &id) const
{
    return findIndex(m_proxy, {}, CategoryTreeModel::IdRole, id).data().toString();
}

void CategoriesPage::setBusy(bool busy)
{
    m_busy = busy;
    for (QAction *action : std::as_const(m_actions)) {
        action->setEnabled(!busy);
    }
    m_view->setDragEnabled(!busy);
}

void CategoriesPage::finish(const QString &okText, const Error *error, const QString &what)
{
    setBusy(false);
    QPalette palette = m_message->palette();
    if (error) {
        QString text;
        if (error->code == ErrorCode::Conflict) {
            text = tr("%1 is not possible: the category still holds products or subcategories. "
                      "Move them to another category first (bulk \"Move to category\" in "
                      "Products), then delete it.")
                       .arg(what);
        } else if (error->code == ErrorCode::Validation && !error->fieldErrors.isEmpty()
                   && error->fieldErrors.first().code == QStringLiteral("cycle")) {
            text = tr("%1 is not possible: a category cannot be moved under itself or one of "
                      "its own subcategories. It stays where it was.")
                       .arg(what);
        } else {
            const auto described =
                Client::UserMessages::describe(*error, m_context.api()->baseUrl());
            QStringList fields;
            for (const FieldError &field : error->fieldErrors) {
                fields << field.message;
            }
            text = tr("%1 failed: %2")
                       .arg(what, fields.isEmpty() ? described.message : fields.join(u' '));
        }
        palette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
        m_message->setProperty("isError", true);
        m_message->setText(text);
    } else {
        palette.setColor(QPalette::WindowText, this->palette().color(QPalette::WindowText));
        m_message->setProperty("isError", false);
        m_message->setText(okText);
    }
    m_message->setPalette(palette);
    m_message->show();
    // Loaded again either way: a refused move puts the category back where it is.
    m_model->reload();
    Q_EMIT changeFinished(error == nullptr);
}

void CategoriesPage::createCategory(const QString &name, const QString &parentId)
{
    setBusy(true);
    m_admin->createCategory(name, CategoryId::parse(parentId), this,
                            [this, name](Result<Client::AdminCategory> result) {
                                if (result) {
                                    m_selectAfterLoad = result->id.toString();
                                }
                                finish(tr("Created the category \"%1\".").arg(name),
                                       result ? nullptr : &result.error(),
                                       tr("Creating the category \"%1\"").arg(name));
                            });
}

void CategoriesPage::renameCategory(const QString &id, const QString &name)
{
    const auto categoryId = CategoryId::parse(id);
    if (!categoryId) {
        return;
    }
    setBusy(true);
    Client::CategoryChange change;
    change.name = name;
    const QString old = nameOf(id);
    m_selectAfterLoad = id;
    m_admin->updateCategory(
        *categoryId, change, this, [this, old, name](Result<Client::AdminCategory> result) {
            finish(tr("Renamed \"%1\" to \"%2\".").arg(old, name),
                   result ? nullptr : &result.error(), tr("Renaming \"%1\"").arg(old));
        });
}

void CategoriesPage::deleteCategory(const QString &id)
{
    const auto categoryId = CategoryId::parse(id);
    if (!categoryId) {
        return;
    }
    setBusy(true);
    const QString name = nameOf(id);
    m_admin->deleteCategory(*categoryId, this, [this, name](Result<std::monostate> result) {
        finish(tr("Deleted the category \"%1\".").arg(name), result ? nullptr : &result.error(),
               tr("Deleting \"%1\"").arg(name));
    });
}

void CategoriesPage::moveCategory(const QString &id, const QString &parentId)
{
    const auto categoryId = CategoryId::parse(id);
    if (!categoryId) {
        return;
    }
    setBusy(true);
    Client::CategoryChange change;
    change.move = true;
    change.parentId = CategoryId::parse(parentId);
    const QString name = nameOf(id);
    const QString target = parentId.isEmpty() ? tr("the top level") : nameOf(parentId);
    m_selectAfterLoad = id;
    qCInfo(lcAdminCategories) << "moving category" << id << "under" << parentId;
    m_admin->updateCategory(
        *categoryId, change, this, [this, name, target](Result<Client::AdminCategory> result) {
            finish(tr("Moved \"%1\" to %2.").arg(name, target), result ? nullptr : &result.error(),
                   tr("Moving \"%1\" to %2").arg(name, target));
        });
}

void CategoriesPage::refresh()
{
    m_model->reload();
}

void CategoriesPage::updateState()
{
    switch (m_model->state()) {
    case CategoryTreeModel::State::Failed: {
        const auto text =
            Client::UserMessages::describe(m_model->lastError(), m_context.api()->baseUrl());
        m_status->showError(text.title, text.message);
        m_stack->setCurrentWidget(m_status);
        break;
    }
    case CategoryTreeModel::State::Loading:
    case CategoryTreeModel::State::Idle:
        if (m_model->rowCount() == 0) {
            m_status->showLoading(tr("Loading categories …"));
            m_stack->setCurrentWidget(m_status);
        }
        break;
    case CategoryTreeModel::State::Ready:
        if (m_model->rowCount() == 0) {
            m_status->showEmpty(tr("No categories"),
                                tr("The shop has no categories yet. Create one with Ctrl+N, or "
                                   "import products."));
            m_stack->setCurrentWidget(m_status);
        } else {
            m_stack->setCurrentWidget(m_view);
        }
        break;
    }
}

} // namespace Shop::Admin
