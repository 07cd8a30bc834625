#pragma once

#include "commerce/views.h"

#include <QCoreApplication>
#include <QRectF>
#include <QString>

class QPagedPaintDevice;
class QPainter;

namespace Shop::Admin {

// The packing slip that goes into the parcel: the store's name, the order number (also as a QR
// code, top right, for the scanner at the packing table), the order date, the ship-to address and
// the items with their quantities and SKUs. No prices.
//
// The layout is independent of the device: paintPage() draws one page onto any painter (a
// QPrinter, a QPdfWriter, a QImage in tests), print() draws every page onto a paged device and
// writePdf() saves an A4 PDF.
class PackingSlip final
{
    Q_DECLARE_TR_FUNCTIONS(Shop::Admin::PackingSlip)

public:
    explicit PackingSlip(Commerce::OrderView order, QString storeName = {});

    [[nodiscard]] const Commerce::OrderView &order() const { return m_order; }
    // The text the QR code carries: the order number.
    [[nodiscard]] QByteArray qrPayload() const { return m_order.number.toUtf8(); }

    // Where paintPage() puts the QR code (with its quiet zone) on a page of `page`'s size.
    [[nodiscard]] static QRectF qrRect(const QRectF &page);
    // How many pages the items need at this page size and the painter's resolution.
    [[nodiscard]] int pageCount(QPainter &painter, const QRectF &page) const;
    // Page `index` (from 0) into `page`, in the painter's coordinates.
    void paintPage(QPainter &painter, const QRectF &page, int index) const;

    // Every page onto `device` (a QPrinter or a QPdfWriter); false when painting cannot start.
    [[nodiscard]] bool print(QPagedPaintDevice &device) const;
    // An A4 PDF at `path`; false with `error` set when the file cannot be written.
    [[nodiscard]] bool writePdf(const QString &path, QString *error = nullptr) const;

private:
    struct Metrics;
    [[nodiscard]] Metrics metrics(QPainter &painter, const QRectF &page) const;

    Commerce::OrderView m_order;
    QString m_storeName;
};

} // namespace Shop::Admin
