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
