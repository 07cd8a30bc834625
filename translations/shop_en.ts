<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Shop::Admin::AdminWindow</name>
    <message numerus="yes">
        <source>You were signed out after %n minute(s) without activity.</source>
        <translation>
            <numerusform>You were signed out after %n minute without activity.</numerusform>
            <numerusform>You were signed out after %n minutes without activity.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Admin::CsvImportDialog</name>
    <message numerus="yes">
        <source>%1: %n product row(s). Check the columns, then run the check.</source>
        <translation>
            <numerusform>%1: %n product row. Check the columns, then run the check.</numerusform>
            <numerusform>%1: %n product rows. Check the columns, then run the check.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking %n row(s) …</source>
        <translation>
            <numerusform>Checking %n row …</numerusform>
            <numerusform>Checking %n rows …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n row(s) …</source>
        <translation>
            <numerusform>Importing %n row …</numerusform>
            <numerusform>Importing %n rows …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) would be refused; nothing was written. Correct the file or the column mapping and check again.</source>
        <translation>
            <numerusform>%n row would be refused; nothing was written. Correct the file or the column mapping and check again.</numerusform>
            <numerusform>%n rows would be refused; nothing was written. Correct the file or the column mapping and check again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Admin::OrdersPage</name>
    <message numerus="yes">
        <source>Move %n order(s) to &quot;%1&quot;?</source>
        <translation>
            <numerusform>Move %n order to &quot;%1&quot;?</numerusform>
            <numerusform>Move %n orders to &quot;%1&quot;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %n order(s); loading failed: %1 Press F5 to try again.</source>
        <translation>
            <numerusform>Showing %n order; loading failed: %1 Press F5 to try again.</numerusform>
            <numerusform>Showing %n orders; loading failed: %1 Press F5 to try again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %n order(s); more load as you scroll.</source>
        <translation>
            <numerusform>Showing %n order; more load as you scroll.</numerusform>
            <numerusform>Showing %n orders; more load as you scroll.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %n order(s).</source>
        <translation>
            <numerusform>Showing %n order.</numerusform>
            <numerusform>Showing %n orders.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change Status of %n Order(s)</source>
        <translation>
            <numerusform>Change Status of %n Order</numerusform>
            <numerusform>Change Status of %n Orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n order(s) moved to &quot;%2&quot;.</source>
        <translation>
            <numerusform>%1 of %n order moved to &quot;%2&quot;.</numerusform>
            <numerusform>%1 of %n orders moved to &quot;%2&quot;.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Admin::ProductDialog</name>
    <message numerus="yes">
        <source>Enter the price as a number with at most %n decimal place(s), for example 12.50.</source>
        <translation>
            <numerusform>Enter the price as a number with at most %n decimal place, for example 12.50.</numerusform>
            <numerusform>Enter the price as a number with at most %n decimal places, for example 12.50.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Admin::ProductsTablePage</name>
    <message numerus="yes">
        <source>Move the %n selected product(s) to:</source>
        <translation>
            <numerusform>Move the selected product to:</numerusform>
            <numerusform>Move the %n selected products to:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) changed.</source>
        <translation>
            <numerusform>%n product changed.</numerusform>
            <numerusform>%n products changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Admin::RevenueChart</name>
    <message numerus="yes">
        <source>%1: %n order(s), %2</source>
        <translation>
            <numerusform>%1: %n order, %2</numerusform>
            <numerusform>%1: %n orders, %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Admin::StockIntakeDialog</name>
    <message numerus="yes">
        <source>%n line(s) added to the stock.</source>
        <translation>
            <numerusform>%n line added to the stock.</numerusform>
            <numerusform>%n lines added to the stock.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Client::CategoryTreeModel</name>
    <message numerus="yes">
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln product</numerusform>
            <numerusform>%Ln products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Client::ProductListModel</name>
    <message numerus="yes">
        <source>Only %n left</source>
        <translation>
            <numerusform>Only %n left</numerusform>
            <numerusform>Only %n left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::CartPage</name>
    <message numerus="yes">
        <source>Remove all %n item(s) from your cart?</source>
        <translation>
            <numerusform>Remove the %n item from your cart?</numerusform>
            <numerusform>Remove all %n items from your cart?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n left in stock: lower the quantity.</source>
        <translation>
            <numerusform>Only %n left in stock: lower the quantity.</numerusform>
            <numerusform>Only %n left in stock: lower the quantity.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::MainWindow</name>
    <message numerus="yes">
        <source>%n item(s) in your cart</source>
        <translation>
            <numerusform>%n item in your cart</numerusform>
            <numerusform>%n items in your cart</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::OrdersPage</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::ProductPage</name>
    <message numerus="yes">
        <source>Only %n left in stock</source>
        <translation>
            <numerusform>Only %n left in stock</numerusform>
            <numerusform>Only %n left in stock</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::ProductsPage</name>
    <message numerus="yes">
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln product</numerusform>
            <numerusform>%Ln products</numerusform>
        </translation>
    </message>
</context>
</TS>
