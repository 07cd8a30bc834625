#pragma once

class QTreeView;

namespace Shop::Client {
class CategoryTreeModel;
}

namespace Shop::Storefront {

// The storefront's category trees (home page, catalog filter): names stretch, counts fit their
// digits, no header, read-only, uniform rows (the tree has a few hundred rows).
void setUpCategoryView(QTreeView *view, Client::CategoryTreeModel *model);

} // namespace Shop::Storefront
