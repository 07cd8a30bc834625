#include "categoryview.h"

#include "client/categorytreemodel.h"

#include <QHeaderView>
#include <QTreeView>

namespace Shop::Storefront {

using Client::CategoryTreeModel;

void setUpCategoryView(QTreeView *view, CategoryTreeModel *model)
{
    view->setModel(model);
    view->setHeaderHidden(true);
    view->setUniformRowHeights(true);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->header()->setStretchLastSection(false);
    view->header()->setSectionResizeMode(CategoryTreeModel::NameColumn, QHeaderView::Stretch);
    view->header()->setSectionResizeMode(CategoryTreeModel::CountColumn,
                                         QHeaderView::ResizeToContents);
}

} // namespace Shop::Storefront
