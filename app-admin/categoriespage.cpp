#include "categoriespage.h"

#include "client/catalogclient.h"
#include "client/categorytreemodel.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace Shop::Admin {

using Client::CategoryTreeModel;

CategoriesPage::CategoriesPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_catalog(new Client::CatalogClient(context.api(), this))
    , m_model(new CategoryTreeModel(m_catalog, this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QTreeView(this))
    , m_status(new Widgets::StatusPanel(this))
{
    setObjectName(QStringLiteral("categoriesPage"));
    auto *heading = new QLabel(this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);
    auto *note = new QLabel(this);
    note->setWordWrap(true);

    m_view->setObjectName(QStringLiteral("categoryTree"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(CategoryTreeModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(CategoryTreeModel::CountColumn,
                                           QHeaderView::ResizeToContents);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(note);
    layout->addWidget(m_stack, 1);

    connect(m_model, &CategoryTreeModel::stateChanged, this, &CategoriesPage::updateState);
    connect(m_model, &CategoryTreeModel::modelReset, m_view, &QTreeView::expandAll);
    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &CategoriesPage::refresh);
    connect(&context, &Widgets::AppContext::serverChanged, this, &CategoriesPage::refresh);
    refresh();
    (new Widgets::Retranslator(this))->add([this, heading, note] {
        heading->setText(tr("Categories"));
        note->setText(tr("The category tree as the storefront shows it. Editing categories "
                         "arrives with the catalog management feature."));
        m_model->retranslate();
        updateState();
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
                                tr("The shop has no categories yet. Importing products creates "
                                   "them."));
            m_stack->setCurrentWidget(m_status);
        } else {
            m_stack->setCurrentWidget(m_view);
        }
        break;
    }
}

} // namespace Shop::Admin
