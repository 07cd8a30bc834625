<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Shop::Admin::AdminWindow</name>
    <message>
        <source>Shop admin console: manage the shop.</source>
        <translation>Shop-Verwaltung: den Shop verwalten.</translation>
    </message>
    <message>
        <source>Shop Admin</source>
        <translation>Shop-Verwaltung</translation>
    </message>
    <message>
        <source>Admin Console</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Server: %1 (not reachable)</source>
        <translation>Server: %1 (nicht erreichbar)</translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation>&amp;Verwaltung</translation>
    </message>
    <message>
        <source>&amp;Settings …</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Shop Admin</source>
        <translation>&amp;Über die Shop-Verwaltung</translation>
    </message>
    <message>
        <source>About Shop Admin</source>
        <translation>Über die Shop-Verwaltung</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Shop Admin %1&lt;/h3&gt;&lt;p&gt;The shop&apos;s admin console for the shop server at %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Shop-Verwaltung %1&lt;/h3&gt;&lt;p&gt;Die Verwaltung des Shops für den Shop-Server unter %2.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>You were signed out after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Sie wurden nach %n Minute ohne Aktivität abgemeldet.</numerusform>
            <numerusform>Sie wurden nach %n Minuten ohne Aktivität abgemeldet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again to go on.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um weiterzumachen.</translation>
    </message>
    <message>
        <source>You signed out.</source>
        <translation>Sie haben sich abgemeldet.</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Sign out after this many minutes without a key press or mouse movement; 0 never signs out.</source>
        <translation>Nach so vielen Minuten ohne Tastendruck oder Mausbewegung abmelden; 0 meldet nie ab.</translation>
    </message>
    <message>
        <source>Sign out when &amp;idle:</source>
        <translation>Abmelden bei &amp;Inaktivität nach:</translation>
    </message>
    <message>
        <source>C&amp;atalog</source>
        <translation>K&amp;atalog</translation>
    </message>
    <message>
        <source>&amp;Command Palette …</source>
        <translation>&amp;Befehlspalette …</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::AuditLogPage</name>
    <message>
        <source>By:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Show actions by anyone</source>
        <translation>Aktionen aller Personen zeigen</translation>
    </message>
    <message>
        <source>Show actions on any account</source>
        <translation>Aktionen an allen Konten zeigen</translation>
    </message>
    <message>
        <source>Only This Ad&amp;min</source>
        <translation>Nur dieser &amp;Admin</translation>
    </message>
    <message>
        <source>Show only actions by the admin of the selected entry</source>
        <translation>Nur Aktionen des Admins des gewählten Eintrags zeigen</translation>
    </message>
    <message>
        <source>Only This Acc&amp;ount</source>
        <translation>Nur dieses Kon&amp;to</translation>
    </message>
    <message>
        <source>Show only actions on the account of the selected entry</source>
        <translation>Nur Aktionen am Konto des gewählten Eintrags zeigen</translation>
    </message>
    <message>
        <source>&amp;Between</source>
        <translation>&amp;Zeitraum</translation>
    </message>
    <message>
        <source>Only entries from the first day to the last day, both included</source>
        <translation>Nur Einträge vom ersten bis zum letzten Tag, beide eingeschlossen</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>any account</source>
        <translation>alle Konten</translation>
    </message>
    <message>
        <source>Loading the audit log …</source>
        <translation>Das Änderungsprotokoll wird geladen …</translation>
    </message>
    <message>
        <source>Loading …</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No entries</source>
        <translation>Keine Einträge</translation>
    </message>
    <message>
        <source>No admin action matches these filters. Clear a filter to see more.</source>
        <translation>Keine Admin-Aktion passt zu diesen Filtern. Entfernen Sie einen Filter, um mehr zu sehen.</translation>
    </message>
    <message>
        <source>No admin has changed an account yet.</source>
        <translation>Noch hat kein Admin ein Konto geändert.</translation>
    </message>
    <message>
        <source>Showing %1 entries; loading more failed.</source>
        <translation>%1 Einträge angezeigt; weitere konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>Showing %1 of %2 entries</source>
        <translation>%1 von %2 Einträgen angezeigt</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::CategoriesPage</name>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Loading categories …</source>
        <translation>Kategorien werden geladen …</translation>
    </message>
    <message>
        <source>No categories</source>
        <translation>Keine Kategorien</translation>
    </message>
    <message>
        <source>Ctrl+N creates a category, Ctrl+Shift+N one under the selected category, F2 renames, Delete deletes an empty category. Drag a category onto another to move it there, or onto the empty space to move it to the top.</source>
        <translation>Strg+N legt eine Kategorie an, Strg+Umschalt+N eine unter der gewählten Kategorie, F2 benennt um, Entf löscht eine leere Kategorie. Ziehen Sie eine Kategorie auf eine andere, um sie dorthin zu verschieben, oder auf die freie Fläche, um sie auf die oberste Ebene zu verschieben.</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>Neue Kategorie</translation>
    </message>
    <message>
        <source>Name of the new category:</source>
        <translation>Name der neuen Kategorie:</translation>
    </message>
    <message>
        <source>New subcategory</source>
        <translation>Neue Unterkategorie</translation>
    </message>
    <message>
        <source>Name of the new category under &quot;%1&quot;:</source>
        <translation>Name der neuen Kategorie unter „%1“:</translation>
    </message>
    <message>
        <source>Rename category</source>
        <translation>Kategorie umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Delete category</source>
        <translation>Kategorie löschen</translation>
    </message>
    <message>
        <source>Delete the category &quot;%1&quot;?</source>
        <translation>Die Kategorie „%1“ löschen?</translation>
    </message>
    <message>
        <source>New &amp;Category …</source>
        <translation>Neue &amp;Kategorie …</translation>
    </message>
    <message>
        <source>New &amp;Subcategory …</source>
        <translation>Neue &amp;Unterkategorie …</translation>
    </message>
    <message>
        <source>&amp;Rename Category …</source>
        <translation>Kategorie &amp;umbenennen …</translation>
    </message>
    <message>
        <source>&amp;Delete Category</source>
        <translation>Kategorie &amp;löschen</translation>
    </message>
    <message>
        <source>%1 is not possible: the category still holds products or subcategories. Move them to another category first (bulk &quot;Move to category&quot; in Products), then delete it.</source>
        <translation>%1 ist nicht möglich: Die Kategorie enthält noch Produkte oder Unterkategorien. Verschieben Sie sie zuerst in eine andere Kategorie (unter Produkte „In Kategorie verschieben“ für mehrere), dann löschen Sie sie.</translation>
    </message>
    <message>
        <source>%1 is not possible: a category cannot be moved under itself or one of its own subcategories. It stays where it was.</source>
        <translation>%1 ist nicht möglich: Eine Kategorie kann nicht unter sich selbst oder eine ihrer Unterkategorien verschoben werden. Sie bleibt, wo sie war.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Created the category &quot;%1&quot;.</source>
        <translation>Die Kategorie „%1“ wurde angelegt.</translation>
    </message>
    <message>
        <source>Creating the category &quot;%1&quot;</source>
        <translation>Das Anlegen der Kategorie „%1“</translation>
    </message>
    <message>
        <source>Renamed &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>„%1“ wurde in „%2“ umbenannt.</translation>
    </message>
    <message>
        <source>Renaming &quot;%1&quot;</source>
        <translation>Das Umbenennen von „%1“</translation>
    </message>
    <message>
        <source>Deleted the category &quot;%1&quot;.</source>
        <translation>Die Kategorie „%1“ wurde gelöscht.</translation>
    </message>
    <message>
        <source>Deleting &quot;%1&quot;</source>
        <translation>Das Löschen von „%1“</translation>
    </message>
    <message>
        <source>the top level</source>
        <translation>die oberste Ebene</translation>
    </message>
    <message>
        <source>Moved &quot;%1&quot; to %2.</source>
        <translation>„%1“ wurde nach %2 verschoben.</translation>
    </message>
    <message>
        <source>Moving &quot;%1&quot; to %2</source>
        <translation>Das Verschieben von „%1“ nach %2</translation>
    </message>
    <message>
        <source>The shop has no categories yet. Create one with Ctrl+N, or import products.</source>
        <translation>Der Shop hat noch keine Kategorien. Legen Sie eine mit Strg+N an oder importieren Sie Produkte.</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::CommandPalette</name>
    <message>
        <source>Find a product, order, customer or action …</source>
        <translation>Produkt, Bestellung, Kunden oder Aktion suchen …</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter opens · Esc closes</source>
        <translation>↑↓ auswählen · Eingabe öffnet · Esc schließt</translation>
    </message>
    <message>
        <source>Product %1 · %2</source>
        <translation>Produkt %1 · %2</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Action · %1</source>
        <translation>Aktion · %1</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::CsvImportDialog</name>
    <message>
        <source>Import Products from CSV</source>
        <translation>Produkte aus CSV importieren</translation>
    </message>
    <message>
        <source>Choose a CSV file (UTF-8, comma-separated, a header line). Check that each of the import&apos;s columns takes the right column of the file, then run the check: it lists every row the server would refuse and changes nothing. Import writes all rows or, if any is wrong, none.</source>
        <translation>Wählen Sie eine CSV-Datei (UTF-8, durch Kommas getrennt, mit Kopfzeile). Prüfen Sie, dass jede Spalte des Imports die richtige Spalte der Datei erhält, und starten Sie dann die Prüfung: Sie listet jede Zeile auf, die der Server ablehnen würde, und ändert nichts. Der Import schreibt alle Zeilen oder, wenn eine fehlerhaft ist, keine.</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Keine Datei gewählt</translation>
    </message>
    <message>
        <source>C&amp;hoose File …</source>
        <translation>Datei &amp;wählen …</translation>
    </message>
    <message>
        <source>&amp;Check (Dry Run)</source>
        <translation>&amp;Prüfen (Probelauf)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Import column</source>
        <translation>Spalte des Imports</translation>
    </message>
    <message>
        <source>Column of the file</source>
        <translation>Spalte der Datei</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>(not in the file: empty)</source>
        <translation>(nicht in der Datei: leer)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The file %1 cannot be read: %2</source>
        <translation>Die Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The file is %1; the import takes at most %2. Split it into smaller files.</source>
        <translation>Die Datei ist %1 groß; der Import nimmt höchstens %2. Teilen Sie sie in kleinere Dateien auf.</translation>
    </message>
    <message>
        <source>The file is not valid CSV: %1</source>
        <translation>Die Datei ist kein gültiges CSV: %1</translation>
    </message>
    <message>
        <source>The file is empty. It needs a header line and one line per product.</source>
        <translation>Die Datei ist leer. Sie braucht eine Kopfzeile und eine Zeile je Produkt.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n product row(s). Check the columns, then run the check.</source>
        <translation>
            <numerusform>%1: %n Produktzeile. Prüfen Sie die Spalten und starten Sie dann die Prüfung.</numerusform>
            <numerusform>%1: %n Produktzeilen. Prüfen Sie die Spalten und starten Sie dann die Prüfung.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking %n row(s) …</source>
        <translation>
            <numerusform>%n Zeile wird geprüft …</numerusform>
            <numerusform>%n Zeilen werden geprüft …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n row(s) …</source>
        <translation>
            <numerusform>%n Zeile wird importiert …</numerusform>
            <numerusform>%n Zeilen werden importiert …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) would be refused; nothing was written. Correct the file or the column mapping and check again.</source>
        <translation>
            <numerusform>%n Zeile würde abgelehnt; nichts wurde geschrieben. Korrigieren Sie die Datei oder die Spaltenzuordnung und prüfen Sie erneut.</numerusform>
            <numerusform>%n Zeilen würden abgelehnt; nichts wurde geschrieben. Korrigieren Sie die Datei oder die Spaltenzuordnung und prüfen Sie erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>The check found no problems: %1 new, %2 changed, %3 unchanged. Import writes them.</source>
        <translation>Die Prüfung hat keine Probleme gefunden: %1 neu, %2 geändert, %3 unverändert. Der Import schreibt sie.</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 changed, %3 unchanged.</source>
        <translation>Importiert: %1 neu, %2 geändert, %3 unverändert.</translation>
    </message>
    <message>
        <source>The import did not run: %1</source>
        <translation>Der Import wurde nicht ausgeführt: %1</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>&amp;Konten</translation>
    </message>
    <message>
        <source>Audit &amp;Log</source>
        <translation>Änderungs&amp;protokoll</translation>
    </message>
    <message>
        <source>Search by email or name (Ctrl+F)</source>
        <translation>Nach E-Mail oder Name suchen (Strg+F)</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>Alle Rollen</translation>
    </message>
    <message>
        <source>Admins</source>
        <translation>Admins</translation>
    </message>
    <message>
        <source>Active and deactivated</source>
        <translation>Aktiv und deaktiviert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Select an account and press Enter (or double-click it) to see its details.</source>
        <translation>Wählen Sie ein Konto und drücken Sie die Eingabetaste (oder doppelklicken Sie es), um die Details zu sehen.</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Angelegt:</translation>
    </message>
    <message>
        <source>Addresses:</source>
        <translation>Adressen:</translation>
    </message>
    <message>
        <source>Show Audit &amp;Entries</source>
        <translation>Protokoll&amp;einträge zeigen</translation>
    </message>
    <message>
        <source>The audit log&apos;s entries about this account</source>
        <translation>Die Einträge des Änderungsprotokolls zu diesem Konto</translation>
    </message>
    <message>
        <source>Loading accounts …</source>
        <translation>Konten werden geladen …</translation>
    </message>
    <message>
        <source>Loading …</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No accounts</source>
        <translation>Keine Konten</translation>
    </message>
    <message>
        <source>No account matches these filters. Choose other ones.</source>
        <translation>Kein Konto passt zu diesen Filtern. Wählen Sie andere.</translation>
    </message>
    <message>
        <source>No account matches &quot;%1&quot;. Try part of the email address or name.</source>
        <translation>Kein Konto passt zu „%1“. Versuchen Sie einen Teil der E-Mail-Adresse oder des Namens.</translation>
    </message>
    <message>
        <source>Showing %1 accounts; loading more failed.</source>
        <translation>%1 Konten angezeigt; weitere konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>Showing %1 of %2 accounts</source>
        <translation>%1 von %2 Konten angezeigt</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht festgelegt)</translation>
    </message>
    <message>
        <source>&amp;Deactivate …</source>
        <translation>&amp;Deaktivieren …</translation>
    </message>
    <message>
        <source>Ac&amp;tivate …</source>
        <translation>&amp;Aktivieren …</translation>
    </message>
    <message>
        <source>&amp;Revoke Admin …</source>
        <translation>Admin-Rolle ent&amp;ziehen …</translation>
    </message>
    <message>
        <source>Grant Ad&amp;min …</source>
        <translation>&amp;Zum Admin machen …</translation>
    </message>
    <message>
        <source>Loading addresses …</source>
        <translation>Adressen werden geladen …</translation>
    </message>
    <message>
        <source>The addresses could not be loaded: %1</source>
        <translation>Die Adressen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>No addresses saved.</source>
        <translation>Keine Adressen gespeichert.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Activate Account</source>
        <translation>Konto aktivieren</translation>
    </message>
    <message>
        <source>Activate the account of %1?

They can sign in again.</source>
        <translation>Das Konto von %1 aktivieren?

Die Person kann sich wieder anmelden.</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Deactivate Account</source>
        <translation>Konto deaktivieren</translation>
    </message>
    <message>
        <source>Deactivate the account of %1?

They can no longer sign in, and every session they have open ends at once.</source>
        <translation>Das Konto von %1 deaktivieren?

Die Person kann sich nicht mehr anmelden, und alle ihre offenen Sitzungen enden sofort.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Nichts geändert.</translation>
    </message>
    <message>
        <source>Activating …</source>
        <translation>Wird aktiviert …</translation>
    </message>
    <message>
        <source>Deactivating …</source>
        <translation>Wird deaktiviert …</translation>
    </message>
    <message>
        <source>Grant Admin</source>
        <translation>Admin-Rolle vergeben</translation>
    </message>
    <message>
        <source>Make %1 an admin?

Admins can see and change every account and the catalog. Their open sessions end; they sign in again to use the admin console.</source>
        <translation>%1 zum Admin machen?

Admins können jedes Konto und den Katalog sehen und ändern. Die offenen Sitzungen der Person enden; sie meldet sich erneut an, um die Verwaltung zu nutzen.</translation>
    </message>
    <message>
        <source>Revoke Admin</source>
        <translation>Admin-Rolle entziehen</translation>
    </message>
    <message>
        <source>Take the admin role from %1?

They keep their customer account but can no longer use the admin console. Their open sessions end.</source>
        <translation>%1 die Admin-Rolle entziehen?

Das Kundenkonto bleibt, aber die Verwaltung ist nicht mehr nutzbar. Die offenen Sitzungen der Person enden.</translation>
    </message>
    <message>
        <source>Granting the admin role …</source>
        <translation>Admin-Rolle wird vergeben …</translation>
    </message>
    <message>
        <source>Revoking the admin role …</source>
        <translation>Admin-Rolle wird entzogen …</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account. Ask another admin to do it.</source>
        <translation>Sie können Ihr eigenes Konto nicht deaktivieren. Bitten Sie einen anderen Admin darum.</translation>
    </message>
    <message>
        <source>You cannot take the admin role from yourself. Ask another admin to do it.</source>
        <translation>Sie können sich die Admin-Rolle nicht selbst entziehen. Bitten Sie einen anderen Admin darum.</translation>
    </message>
    <message>
        <source>This account no longer exists. Press F5 to reload the list.</source>
        <translation>Dieses Konto gibt es nicht mehr. Drücken Sie F5, um die Liste neu zu laden.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is active again and can sign in.</source>
        <translation>%1 ist wieder aktiv und kann sich anmelden.</translation>
    </message>
    <message>
        <source>%1 is deactivated; their sessions have ended.</source>
        <translation>%1 ist deaktiviert; die Sitzungen sind beendet.</translation>
    </message>
    <message>
        <source>%1 is now an admin.</source>
        <translation>%1 ist jetzt Admin.</translation>
    </message>
    <message>
        <source>%1 is no longer an admin.</source>
        <translation>%1 ist nicht mehr Admin.</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>Auf Lager</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Nicht auf Lager</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>Durchschnittliche Bestellung</translation>
    </message>
    <message>
        <source>Orders by status</source>
        <translation>Bestellungen nach Status</translation>
    </message>
    <message>
        <source>Revenue, last 30 days</source>
        <translation>Umsatz, letzte 30 Tage</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Geringer Bestand</translation>
    </message>
    <message>
        <source>Top products, last 30 days</source>
        <translation>Meistverkaufte Produkte, letzte 30 Tage</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Stück</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::LiveOrders</name>
    <message>
        <source>Shop Admin</source>
        <translation>Shop-Verwaltung</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>Neue Bestellung</translation>
    </message>
    <message>
        <source>Order %1 from %2: %3</source>
        <translation>Bestellung %1 von %2: %3</translation>
    </message>
    <message>
        <source>Order paid</source>
        <translation>Bestellung bezahlt</translation>
    </message>
    <message>
        <source>Order %1 is paid: %2</source>
        <translation>Bestellung %1 ist bezahlt: %2</translation>
    </message>
    <message>
        <source>● Live</source>
        <translation>● Live</translation>
    </message>
    <message>
        <source>● Reconnecting …</source>
        <translation>● Verbindung wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>● Live feed off</source>
        <translation>● Live-Meldungen aus</translation>
    </message>
    <message>
        <source>New orders appear as they are placed.</source>
        <translation>Neue Bestellungen erscheinen, sobald sie aufgegeben werden.</translation>
    </message>
    <message>
        <source>The live feed is not connected; the tables refresh on F5 and every 30 seconds.</source>
        <translation>Die Live-Meldungen sind nicht verbunden; die Tabellen werden mit F5 und alle 30 Sekunden aktualisiert.</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::OrderPaymentsPanel</name>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Stripe id</source>
        <translation>Stripe-ID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Reason and note</source>
        <translation>Grund und Notiz</translation>
    </message>
    <message>
        <source>Re&amp;fund …</source>
        <translation>&amp;Erstatten …</translation>
    </message>
    <message>
        <source>The payment could not be loaded: %1</source>
        <translation>Die Zahlung konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No payment yet.</source>
        <translation>Noch keine Zahlung.</translation>
    </message>
    <message>
        <source>Refunded %1 of %2; %3 can still be refunded.</source>
        <translation>%1 von %2 erstattet; %3 können noch erstattet werden.</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::OrdersPage</name>
    <message>
        <source>Change Status</source>
        <translation>Status ändern</translation>
    </message>
    <message>
        <source>Move order %1 to &quot;%2&quot;?</source>
        <translation>Bestellung %1 auf „%2“ setzen?</translation>
    </message>
    <message numerus="yes">
        <source>Move %n order(s) to &quot;%1&quot;?</source>
        <translation>
            <numerusform>%n Bestellung auf „%1“ setzen?</numerusform>
            <numerusform>%n Bestellungen auf „%1“ setzen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling puts the items back into stock.</source>
        <translation>Beim Stornieren kommen die Artikel zurück in den Bestand.</translation>
    </message>
    <message>
        <source>&amp;Carrier:</source>
        <translation>&amp;Versanddienstleister:</translation>
    </message>
    <message>
        <source>&amp;Tracking number:</source>
        <translation>&amp;Sendungsnummer:</translation>
    </message>
    <message>
        <source>Optional; kept in the order&apos;s history</source>
        <translation>Optional; wird im Verlauf der Bestellung gespeichert</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Save Packing Slip</source>
        <translation>Lieferschein speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Order number or customer email (Ctrl+F)</source>
        <translation>Bestellnummer oder E-Mail-Adresse des Kunden (Strg+F)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>&amp;Created from</source>
        <translation>&amp;Erstellt vom</translation>
    </message>
    <message>
        <source>Only orders created on or after the first day and on or before the second</source>
        <translation>Nur Bestellungen, die am ersten Tag oder danach und am zweiten Tag oder davor erstellt wurden</translation>
    </message>
    <message>
        <source>Select an order to see its details. Select several to change their status together.</source>
        <translation>Wählen Sie eine Bestellung aus, um ihre Details zu sehen. Wählen Sie mehrere aus, um ihren Status gemeinsam zu ändern.</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Shipping:</source>
        <translation>Versand:</translation>
    </message>
    <message>
        <source>Ship to:</source>
        <translation>Lieferadresse:</translation>
    </message>
    <message>
        <source>Totals:</source>
        <translation>Summen:</translation>
    </message>
    <message>
        <source>Items:</source>
        <translation>Artikel:</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Verlauf:</translation>
    </message>
    <message>
        <source>Audit log:</source>
        <translation>Änderungsprotokoll:</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Packing &amp;Slip</source>
        <translation>&amp;Lieferschein</translation>
    </message>
    <message>
        <source>&amp;Print …</source>
        <translation>&amp;Drucken …</translation>
    </message>
    <message>
        <source>Save as P&amp;DF …</source>
        <translation>Als P&amp;DF speichern …</translation>
    </message>
    <message>
        <source>Loading orders …</source>
        <translation>Bestellungen werden geladen …</translation>
    </message>
    <message>
        <source>Loading …</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No orders</source>
        <translation>Keine Bestellungen</translation>
    </message>
    <message>
        <source>No order matches these filters. Choose other ones.</source>
        <translation>Keine Bestellung passt zu diesen Filtern. Wählen Sie andere.</translation>
    </message>
    <message>
        <source>No order matches &quot;%1&quot;. Enter a whole order number or the customer&apos;s whole email address.</source>
        <translation>Keine Bestellung passt zu „%1“. Geben Sie eine vollständige Bestellnummer oder die vollständige E-Mail-Adresse des Kunden ein.</translation>
    </message>
    <message numerus="yes">
        <source>Showing %n order(s); loading failed: %1 Press F5 to try again.</source>
        <translation>
            <numerusform>%n Bestellung angezeigt; das Laden ist fehlgeschlagen: %1 Drücken Sie F5, um es erneut zu versuchen.</numerusform>
            <numerusform>%n Bestellungen angezeigt; das Laden ist fehlgeschlagen: %1 Drücken Sie F5, um es erneut zu versuchen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %n order(s); more load as you scroll.</source>
        <translation>
            <numerusform>%n Bestellung angezeigt; weitere werden beim Blättern geladen.</numerusform>
            <numerusform>%n Bestellungen angezeigt; weitere werden beim Blättern geladen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %n order(s).</source>
        <translation>
            <numerusform>%n Bestellung angezeigt.</numerusform>
            <numerusform>%n Bestellungen angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log could not be loaded: %1</source>
        <translation>Das Änderungsprotokoll konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1  %2: %3</source>
        <translation>%1  %2: %3</translation>
    </message>
    <message>
        <source>No staff changes yet.</source>
        <translation>Noch keine Änderungen durch Mitarbeiter.</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>No carrier or tracking number given</source>
        <translation>Kein Versanddienstleister und keine Sendungsnummer angegeben</translation>
    </message>
    <message>
        <source>Not shipped yet</source>
        <translation>Noch nicht versandt</translation>
    </message>
    <message>
        <source>%1, tracking number %2</source>
        <translation>%1, Sendungsnummer %2</translation>
    </message>
    <message>
        <source>(carrier not given)</source>
        <translation>(Versanddienstleister nicht angegeben)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Subtotal %1, tax %2, shipping %3, total %4</source>
        <translation>Zwischensumme %1, Steuer %2, Versand %3, Gesamt %4</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>dem Kunden</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>einem Mitarbeiter</translation>
    </message>
    <message>
        <source>the shop</source>
        <translation>dem Shop</translation>
    </message>
    <message>
        <source>%1  %2 → %3 by %4</source>
        <translation>%1  %2 → %3 von %4</translation>
    </message>
    <message>
        <source>%1  placed (%2) by %3</source>
        <translation>%1  aufgegeben (%2) von %3</translation>
    </message>
    <message>
        <source>: &quot;%1&quot;</source>
        <translation>: „%1“</translation>
    </message>
    <message>
        <source>Cancel Order</source>
        <translation>Bestellung stornieren</translation>
    </message>
    <message>
        <source>Mark as %1</source>
        <translation>Als „%1“ markieren</translation>
    </message>
    <message numerus="yes">
        <source>Change Status of %n Order(s)</source>
        <translation>
            <numerusform>Status von %n Bestellung ändern</numerusform>
            <numerusform>Status von %n Bestellungen ändern</numerusform>
        </translation>
    </message>
    <message>
        <source>Change S&amp;tatus</source>
        <translation>S&amp;tatus ändern</translation>
    </message>
    <message>
        <source>No status change is allowed for all selected orders.</source>
        <translation>Für die ausgewählten Bestellungen ist keine gemeinsame Statusänderung erlaubt.</translation>
    </message>
    <message>
        <source>No status change is allowed from this status.</source>
        <translation>Von diesem Status aus ist keine Änderung erlaubt.</translation>
    </message>
    <message>
        <source>%1 (%v of %m)</source>
        <translation>%1 (%v von %m)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Order %1 is now &quot;%2&quot;.</source>
        <translation>Bestellung %1 ist jetzt „%2“.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n order(s) moved to &quot;%2&quot;.</source>
        <translation>
            <numerusform>%1 von %n Bestellung auf „%2“ gesetzt.</numerusform>
            <numerusform>%1 von %n Bestellungen auf „%2“ gesetzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not changed:</source>
        <translation>Nicht geändert:</translation>
    </message>
    <message>
        <source>Order %1 no longer exists. Press F5 to reload the list.</source>
        <translation>Bestellung %1 gibt es nicht mehr. Drücken Sie F5, um die Liste neu zu laden.</translation>
    </message>
    <message>
        <source>Packing slip %1</source>
        <translation>Lieferschein %1</translation>
    </message>
    <message>
        <source>The packing slip could not be printed. Check the printer and try again.</source>
        <translation>Der Lieferschein konnte nicht gedruckt werden. Prüfen Sie den Drucker und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The packing slip for %1 went to the printer.</source>
        <translation>Der Lieferschein für %1 wurde an den Drucker geschickt.</translation>
    </message>
    <message>
        <source>packing-slip-%1.pdf</source>
        <translation>lieferschein-%1.pdf</translation>
    </message>
    <message>
        <source>The packing slip could not be saved to %1: %2. Choose another folder.</source>
        <translation>Der Lieferschein konnte nicht unter %1 gespeichert werden: %2. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>The packing slip for %1 was saved to %2.</source>
        <translation>Der Lieferschein für %1 wurde unter %2 gespeichert.</translation>
    </message>
    <message>
        <source>Order %1 cannot make this change any more: its status changed since it was shown. The server says: %2 Its current status is being loaded; choose again from what is offered then.</source>
        <translation>Für Bestellung %1 ist diese Änderung nicht mehr möglich: Ihr Status hat sich geändert, seit sie angezeigt wurde. Der Server meldet: %2 Ihr aktueller Status wird geladen; wählen Sie dann erneut aus dem, was angeboten wird.</translation>
    </message>
    <message>
        <source>The server refused the change for order %1. The server says: %2 Staff may not make this change, or your account is no longer staff: sign in again as staff.</source>
        <translation>Der Server hat die Änderung für Bestellung %1 abgelehnt. Der Server meldet: %2 Mitarbeiter dürfen diese Änderung nicht machen, oder Ihr Konto ist kein Mitarbeiterkonto mehr: Melden Sie sich erneut als Mitarbeiter an.</translation>
    </message>
    <message>
        <source>Payments and refunds:</source>
        <translation>Zahlungen und Erstattungen:</translation>
    </message>
    <message>
        <source>Mark the selected orders as %1 (%2)</source>
        <translation>Die ausgewählten Bestellungen als „%1“ markieren (%2)</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::PackingSlip</name>
    <message>
        <source>Packing slip</source>
        <translation>Lieferschein</translation>
    </message>
    <message>
        <source>Order date: %1</source>
        <translation>Bestelldatum: %1</translation>
    </message>
    <message>
        <source>Ship to:</source>
        <translation>Lieferadresse:</translation>
    </message>
    <message>
        <source>Packing slip %1 (page %2)</source>
        <translation>Lieferschein %1 (Seite %2)</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <source>Packing slip %1</source>
        <translation>Lieferschein %1</translation>
    </message>
    <message>
        <source>The PDF could not be drawn.</source>
        <translation>Das PDF konnte nicht erstellt werden.</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::ProductConflictDialog</name>
    <message>
        <source>Someone else changed this product</source>
        <translation>Jemand anderes hat dieses Produkt geändert</translation>
    </message>
    <message>
        <source>While you were editing, &quot;%1&quot; was changed on the server (by another staff member or an import). Compare both versions: keep yours to save it over the server&apos;s, or take the server&apos;s and drop your changes.</source>
        <translation>Während Sie es bearbeitet haben, wurde „%1“ auf dem Server geändert (von einer anderen Mitarbeiterin, einem anderen Mitarbeiter oder einem Import). Vergleichen Sie beide Fassungen: Behalten Sie Ihre, um sie über die des Servers zu speichern, oder übernehmen Sie die des Servers und verwerfen Ihre Änderungen.</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>Meine &amp;behalten</translation>
    </message>
    <message>
        <source>&amp;Take the server&apos;s</source>
        <translation>Die des Servers &amp;übernehmen</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Ihre</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>Auf dem Server</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>Marke</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::ProductDialog</name>
    <message>
        <source>Edit product</source>
        <translation>Produkt bearbeiten</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Neues Produkt</translation>
    </message>
    <message>
        <source>&amp;SKU:</source>
        <translation>&amp;Artikelnummer:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Price:</source>
        <translation>&amp;Preis:</translation>
    </message>
    <message>
        <source>Initial s&amp;tock:</source>
        <translation>Anfangs&amp;bestand:</translation>
    </message>
    <message>
        <source>&amp;Brand:</source>
        <translation>&amp;Marke:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>Picture &amp;URL:</source>
        <translation>Bild-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Active (shown in the storefront)</source>
        <translation>&amp;Aktiv (im Shop sichtbar)</translation>
    </message>
    <message>
        <source>Letters, digits, . _ - (e.g. MUG-RED-01)</source>
        <translation>Buchstaben, Ziffern, . _ - (z. B. MUG-RED-01)</translation>
    </message>
    <message>
        <source>e.g. 12.50</source>
        <translation>z. B. 12,50</translation>
    </message>
    <message>
        <source>Optional: https://… or /media/…</source>
        <translation>Optional: https://… oder /media/…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Anlegen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(keine Kategorie)</translation>
    </message>
    <message>
        <source>Loading the product …</source>
        <translation>Das Produkt wird geladen …</translation>
    </message>
    <message>
        <source>The product could not be loaded: %1</source>
        <translation>Das Produkt konnte nicht geladen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Enter the price as a number with at most %n decimal place(s), for example 12.50.</source>
        <translation>
            <numerusform>Geben Sie den Preis als Zahl mit höchstens %n Nachkommastelle ein, zum Beispiel 12,50.</numerusform>
            <numerusform>Geben Sie den Preis als Zahl mit höchstens %n Nachkommastellen ein, zum Beispiel 12,50.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The server did not accept some fields. Correct them and save again.</source>
        <translation>Der Server hat einige Felder nicht angenommen. Korrigieren Sie sie und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>The server did not accept the product: %1</source>
        <translation>Der Server hat das Produkt nicht angenommen: %1</translation>
    </message>
    <message>
        <source>Someone else changed this product meanwhile; loading their version …</source>
        <translation>Jemand anderes hat dieses Produkt inzwischen geändert; deren Fassung wird geladen …</translation>
    </message>
    <message>
        <source>Someone else changed this product, and their version could not be loaded: %1</source>
        <translation>Jemand anderes hat dieses Produkt geändert, und diese Fassung konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Not saved: the product changed on the server. Save again to compare the versions.</source>
        <translation>Nicht gespeichert: Das Produkt wurde auf dem Server geändert. Speichern Sie erneut, um die Fassungen zu vergleichen.</translation>
    </message>
    <message>
        <source>Another product already has this SKU. Choose another one.</source>
        <translation>Ein anderes Produkt hat bereits diese Artikelnummer. Wählen Sie eine andere.</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::ProductImagesPanel</name>
    <message>
        <source>Images (drop PNG, JPEG, WebP or SVG files here, at most 5 MiB each)</source>
        <translation>Bilder (PNG-, JPEG-, WebP- oder SVG-Dateien hierher ziehen, höchstens 5 MiB je Datei)</translation>
    </message>
    <message>
        <source>Add Images …</source>
        <translation>Bilder hinzufügen …</translation>
    </message>
    <message>
        <source>Make Primary</source>
        <translation>Als Hauptbild</translation>
    </message>
    <message>
        <source>Delete Image</source>
        <translation>Bild löschen</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Keine Vorschau</translation>
    </message>
    <message>
        <source>The images could not be loaded: %1</source>
        <translation>Die Bilder konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Add Images</source>
        <translation>Bilder hinzufügen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.svg);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.svg);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 is larger than 5 MiB, the server&apos;s limit. Save it smaller (fewer pixels or more compression) and add it again.</source>
        <translation>%1 ist größer als 5 MiB, die Grenze des Servers. Speichern Sie es kleiner (weniger Pixel oder stärker komprimiert) und fügen Sie es erneut hinzu.</translation>
    </message>
    <message>
        <source>%1 is not a PNG, JPEG, WebP or SVG picture, or its content does not match its type. Save it as PNG, JPEG, WebP or SVG and add it again.</source>
        <translation>%1 ist kein PNG-, JPEG-, WebP- oder SVG-Bild, oder sein Inhalt passt nicht zu seinem Typ. Speichern Sie es als PNG, JPEG, WebP oder SVG und fügen Sie es erneut hinzu.</translation>
    </message>
    <message>
        <source>%1 has too many pixels (the limit is 40 megapixels). Scale it down and add it again.</source>
        <translation>%1 hat zu viele Pixel (die Grenze sind 40 Megapixel). Verkleinern Sie es und fügen Sie es erneut hinzu.</translation>
    </message>
    <message>
        <source>%1 is an SVG with scripts, event handlers or references to other files, which the shop does not accept. Export it as a plain SVG or as PNG and add it again.</source>
        <translation>%1 ist ein SVG mit Skripten, Ereignis-Handlern oder Verweisen auf andere Dateien, die der Shop nicht annimmt. Exportieren Sie es als einfaches SVG oder als PNG und fügen Sie es erneut hinzu.</translation>
    </message>
    <message>
        <source>%1 is not a readable picture (damaged, cut off or not an image at all). Open it in an image editor, save it again and add it again.</source>
        <translation>%1 ist kein lesbares Bild (beschädigt, abgeschnitten oder gar kein Bild). Öffnen Sie es in einem Bildprogramm, speichern Sie es neu und fügen Sie es erneut hinzu.</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Uploading %1 …</source>
        <translation>%1 wird hochgeladen …</translation>
    </message>
    <message>
        <source>%1 was not uploaded: %2</source>
        <translation>%1 wurde nicht hochgeladen: %2</translation>
    </message>
    <message>
        <source>%1 was added.</source>
        <translation>%1 wurde hinzugefügt.</translation>
    </message>
    <message>
        <source>The image was not made primary: %1</source>
        <translation>Das Bild wurde nicht zum Hauptbild: %1</translation>
    </message>
    <message>
        <source>The storefront shows this image first now.</source>
        <translation>Der Shop zeigt jetzt dieses Bild zuerst.</translation>
    </message>
    <message>
        <source>The image was not deleted: %1</source>
        <translation>Das Bild wurde nicht gelöscht: %1</translation>
    </message>
    <message>
        <source>The image was deleted.</source>
        <translation>Das Bild wurde gelöscht.</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::ProductsTablePage</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Search by name, brand or description (Ctrl+F)</source>
        <translation>Nach Name, Marke oder Beschreibung suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Loading products …</source>
        <translation>Produkte werden geladen …</translation>
    </message>
    <message>
        <source>Loading …</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No products</source>
        <translation>Keine Produkte</translation>
    </message>
    <message>
        <source>The catalog is empty. Import products with shop-server import-products.</source>
        <translation>Der Katalog ist leer. Importieren Sie Produkte mit shop-server import-products.</translation>
    </message>
    <message>
        <source>No product matches &quot;%1&quot;. Try other words.</source>
        <translation>Kein Produkt passt zu „%1“. Versuchen Sie andere Wörter.</translation>
    </message>
    <message>
        <source>Showing %1 products; loading more failed.</source>
        <translation>%1 Produkte angezeigt; weitere konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>Showing %1 of %2 products</source>
        <translation>%1 von %2 Produkten angezeigt</translation>
    </message>
    <message>
        <source>The categories could not be loaded: %1</source>
        <translation>Die Kategorien konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(keine Kategorie)</translation>
    </message>
    <message>
        <source>Move to category</source>
        <translation>In Kategorie verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Move the %n selected product(s) to:</source>
        <translation>
            <numerusform>Das gewählte Produkt verschieben nach:</numerusform>
            <numerusform>Die %n gewählten Produkte verschieben nach:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New Product …</source>
        <translation>&amp;Neues Produkt …</translation>
    </message>
    <message>
        <source>&amp;Edit Product …</source>
        <translation>Produkt &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>Stock &amp;Intake …</source>
        <translation>&amp;Wareneingang …</translation>
    </message>
    <message>
        <source>&amp;Activate Selected Products</source>
        <translation>Gewählte Produkte &amp;aktivieren</translation>
    </message>
    <message>
        <source>&amp;Deactivate Selected Products</source>
        <translation>Gewählte Produkte &amp;deaktivieren</translation>
    </message>
    <message>
        <source>&amp;Move Selected Products to Category …</source>
        <translation>Gewählte Produkte in Kategorie &amp;verschieben …</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; (%2).</source>
        <translation>„%1“ (%2) wurde gespeichert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a price. Enter a number such as 12.50; the price of &quot;%2&quot; stays %3.</source>
        <translation>„%1“ ist kein Preis. Geben Sie eine Zahl wie 12,50 ein; der Preis von „%2“ bleibt %3.</translation>
    </message>
    <message>
        <source>Saving the price of &quot;%1&quot; …</source>
        <translation>Der Preis von „%1“ wird gespeichert …</translation>
    </message>
    <message>
        <source>The price of &quot;%1&quot; was not changed: %2</source>
        <translation>Der Preis von „%1“ wurde nicht geändert: %2</translation>
    </message>
    <message>
        <source>The price of &quot;%1&quot; is now %2.</source>
        <translation>Der Preis von „%1“ ist jetzt %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was changed by someone else meanwhile: choose which version to keep.</source>
        <translation>„%1“ wurde inzwischen von jemand anderem geändert: Wählen Sie, welche Fassung bleiben soll.</translation>
    </message>
    <message>
        <source>Saved your version of &quot;%1&quot;.</source>
        <translation>Ihre Fassung von „%1“ wurde gespeichert.</translation>
    </message>
    <message>
        <source>Your version of &quot;%1&quot; was not saved: %2</source>
        <translation>Ihre Fassung von „%1“ wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Kept the server&apos;s version of &quot;%1&quot;.</source>
        <translation>Die Fassung des Servers von „%1“ wurde übernommen.</translation>
    </message>
    <message>
        <source>Saving the stock of &quot;%1&quot; …</source>
        <translation>Der Bestand von „%1“ wird gespeichert …</translation>
    </message>
    <message>
        <source>The stock of &quot;%1&quot; was not changed: %2</source>
        <translation>Der Bestand von „%1“ wurde nicht geändert: %2</translation>
    </message>
    <message>
        <source>The stock of &quot;%1&quot; already is %2.</source>
        <translation>Der Bestand von „%1“ ist bereits %2.</translation>
    </message>
    <message>
        <source>Counted in the admin console</source>
        <translation>In der Verwaltungskonsole gezählt</translation>
    </message>
    <message>
        <source>The stock of &quot;%1&quot; is now %2 (%3).</source>
        <translation>Der Bestand von „%1“ ist jetzt %2 (%3).</translation>
    </message>
    <message>
        <source>Activating</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Deactivating</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Moving</source>
        <translation>Verschieben</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) changed.</source>
        <translation>
            <numerusform>%n Produkt geändert.</numerusform>
            <numerusform>%n Produkte geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 changed, %2 failed:
%3</source>
        <translation>%1 geändert, %2 fehlgeschlagen:
%3</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n Produkt</numerusform>
            <numerusform>%n Produkte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>Export Products to CSV</source>
        <translation>Produkte als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Import Products from CSV …</source>
        <translation>Produkte aus CSV &amp;importieren …</translation>
    </message>
    <message>
        <source>E&amp;xport Products to CSV …</source>
        <translation>Produkte als CSV e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Exporting the products to %1 …</source>
        <translation>Die Produkte werden nach %1 exportiert …</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The export could not be written to %1: %2. Choose another place.</source>
        <translation>Der Export konnte nicht nach %1 geschrieben werden: %2. Wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>Exported the products to %1 (%2).</source>
        <translation>Die Produkte wurden nach %1 exportiert (%2).</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::RefundDialog</name>
    <message>
        <source>Refund Order %1</source>
        <translation>Bestellung %1 erstatten</translation>
    </message>
    <message>
        <source>Paid %1; refunded so far %2. Up to %3 can be refunded to the customer&apos;s card.</source>
        <translation>Bezahlt %1; bisher erstattet %2. Bis zu %3 können auf die Karte des Kunden erstattet werden.</translation>
    </message>
    <message>
        <source>&amp;Amount (%1):</source>
        <translation>&amp;Betrag (%1):</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>&amp;Refund</source>
        <translation>&amp;Erstatten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Enter an amount such as %1.</source>
        <translation>Geben Sie einen Betrag wie %1 ein.</translation>
    </message>
    <message>
        <source>Refund %1 of order %2 to the customer&apos;s card? This cannot be undone.</source>
        <translation>%1 der Bestellung %2 auf die Karte des Kunden erstatten? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Nothing was paid for this order: there is nothing to refund.</source>
        <translation>Für diese Bestellung wurde nichts bezahlt: Es gibt nichts zu erstatten.</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::RevenueChart</name>
    <message numerus="yes">
        <source>%1: %n order(s), %2</source>
        <translation>
            <numerusform>%1: %n Bestellung, %2</numerusform>
            <numerusform>%1: %n Bestellungen, %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Admin::SignInPage</name>
    <message>
        <source>Staff Sign-In</source>
        <translation>Anmeldung für Mitarbeiter</translation>
    </message>
    <message>
        <source>This account is not a staff account. Sign in with an administrator&apos;s account.</source>
        <translation>Dieses Konto ist kein Mitarbeiterkonto. Melden Sie sich mit einem Administratorkonto an.</translation>
    </message>
</context>
<context>
    <name>Shop::Admin::StockIntakeDialog</name>
    <message>
        <source>Stock Intake</source>
        <translation>Wareneingang</translation>
    </message>
    <message>
        <source>Scan a product&apos;s barcode (or type its SKU and press Enter), type the quantity received and press Enter. Check the list, remove wrong lines with Delete, then confirm with Ctrl+Enter: each line is added to the stock as received.</source>
        <translation>Scannen Sie den Barcode eines Produkts (oder tippen Sie die Artikelnummer und drücken Sie Enter), geben Sie die erhaltene Menge ein und drücken Sie Enter. Prüfen Sie die Liste, entfernen Sie falsche Zeilen mit Entf und bestätigen Sie dann mit Strg+Enter: Jede Zeile wird als Wareneingang zum Bestand addiert.</translation>
    </message>
    <message>
        <source>&amp;SKU:</source>
        <translation>&amp;Artikelnummer:</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>&amp;Menge:</translation>
    </message>
    <message>
        <source>Scan or type a SKU, then Enter</source>
        <translation>Artikelnummer scannen oder tippen, dann Enter</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Remove Line</source>
        <translation>Zeile &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Confirm Intake</source>
        <translation>Eingang &amp;bestätigen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>No product scanned yet.</source>
        <translation>Noch kein Produkt gescannt.</translation>
    </message>
    <message>
        <source>Cancelled. Scan the next product.</source>
        <translation>Abgebrochen. Scannen Sie das nächste Produkt.</translation>
    </message>
    <message>
        <source>Looking up %1 …</source>
        <translation>%1 wird gesucht …</translation>
    </message>
    <message>
        <source>Could not look up %1: %2</source>
        <translation>%1 konnte nicht gesucht werden: %2</translation>
    </message>
    <message>
        <source>%1 (%2): %3 in stock.</source>
        <translation>%1 (%2): %3 auf Lager.</translation>
    </message>
    <message>
        <source>%1 already on this list.</source>
        <translation>%1 bereits auf dieser Liste.</translation>
    </message>
    <message>
        <source>Added %1 × %2. Scan the next product.</source>
        <translation>%1 × %2 hinzugefügt. Scannen Sie das nächste Produkt.</translation>
    </message>
    <message>
        <source>That line is already in the stock; it cannot be removed here. Correct the stock in the products table instead.</source>
        <translation>Diese Zeile ist bereits im Bestand; sie kann hier nicht entfernt werden. Korrigieren Sie den Bestand stattdessen in der Produkttabelle.</translation>
    </message>
    <message>
        <source>Not confirmed yet</source>
        <translation>Noch nicht bestätigt</translation>
    </message>
    <message>
        <source>Sending …</source>
        <translation>Wird gesendet …</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added to the stock.</source>
        <translation>
            <numerusform>%n Zeile zum Bestand addiert.</numerusform>
            <numerusform>%n Zeilen zum Bestand addiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added to the stock; %2 failed (shown in red): correct or remove them and confirm again.</source>
        <translation>%1 zum Bestand addiert; %2 fehlgeschlagen (rot): Korrigieren oder entfernen Sie sie und bestätigen Sie erneut.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Stock intake</source>
        <translation>Wareneingang</translation>
    </message>
    <message>
        <source>Done: %1 in stock now</source>
        <translation>Erledigt: jetzt %1 auf Lager</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No product has the SKU &quot;%1&quot;. Check the label, or create the product first (Products, Ctrl+N).</source>
        <translation>Kein Produkt hat die Artikelnummer „%1“. Prüfen Sie das Etikett oder legen Sie das Produkt zuerst an (Produkte, Strg+N).</translation>
    </message>
</context>
<context>
    <name>Shop::Client::AccountJson</name>
    <message>
        <source>The shop server sent %1 in an unexpected format.</source>
        <translation>Der Shop-Server hat %1 in einem unerwarteten Format gesendet.</translation>
    </message>
    <message>
        <source>an account</source>
        <translation>ein Konto</translation>
    </message>
    <message>
        <source>a session</source>
        <translation>eine Sitzung</translation>
    </message>
    <message>
        <source>an address</source>
        <translation>eine Adresse</translation>
    </message>
    <message>
        <source>an address book</source>
        <translation>ein Adressbuch</translation>
    </message>
</context>
<context>
    <name>Shop::Client::AdminCatalogClient</name>
    <message>
        <source>The shop server sent an answer about the catalog in an unexpected format.</source>
        <translation>Der Shop-Server hat eine Antwort zum Katalog in einem unerwarteten Format gesendet.</translation>
    </message>
</context>
<context>
    <name>Shop::Client::AdminOrderListModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
</context>
<context>
    <name>Shop::Client::AdminOrdersClient</name>
    <message>
        <source>The shop server sent an answer about orders in an unexpected format.</source>
        <translation>Der Shop-Server hat eine Antwort zu Bestellungen in einem unerwarteten Format geschickt.</translation>
    </message>
</context>
<context>
    <name>Shop::Client::AdminUsersClient</name>
    <message>
        <source>The shop server sent an answer about users in an unexpected format.</source>
        <translation>Der Shop-Server hat eine Antwort zu Benutzern in einem unerwarteten Format gesendet.</translation>
    </message>
</context>
<context>
    <name>Shop::Client::ApiClient</name>
    <message>
        <source>The shop server at %1 did not answer in time.</source>
        <translation>Der Shop-Server unter %1 hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>Cannot reach the shop server at %1 (%2).</source>
        <translation>Der Shop-Server unter %1 ist nicht erreichbar (%2).</translation>
    </message>
    <message>
        <source>The connection to the shop server at %1 failed (%2).</source>
        <translation>Die Verbindung zum Shop-Server unter %1 ist fehlgeschlagen (%2).</translation>
    </message>
    <message>
        <source>The shop server sent an answer that cannot be read. The server may be a different program or a newer version.</source>
        <translation>Die Antwort des Shop-Servers ist nicht lesbar. Vielleicht ist dort ein anderes Programm oder eine neuere Version.</translation>
    </message>
    <message>
        <source>The shop server answered with HTTP status %1 (%2).</source>
        <translation>Der Shop-Server hat mit HTTP-Status %1 (%2) geantwortet.</translation>
    </message>
</context>
<context>
    <name>Shop::Client::AuditLogModel</name>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Account status</source>
        <translation>Kontostatus</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>Konto angelegt</translation>
    </message>
    <message>
        <source>Account set up again</source>
        <translation>Konto neu eingerichtet</translation>
    </message>
</context>
<context>
    <name>Shop::Client::AuthSession</name>
    <message>
        <source>The app is shutting down.</source>
        <translation>Die App wird beendet.</translation>
    </message>
</context>
<context>
    <name>Shop::Client::CartClient</name>
    <message>
        <source>Sign in to check out: your cart is kept.</source>
        <translation>Melden Sie sich an, um zu bestellen: Ihr Warenkorb bleibt erhalten.</translation>
    </message>
    <message>
        <source>Choose a quantity from 1 to 99.</source>
        <translation>Wählen Sie eine Menge von 1 bis 99.</translation>
    </message>
    <message>
        <source>This product is no longer sold.</source>
        <translation>Dieses Produkt wird nicht mehr verkauft.</translation>
    </message>
    <message>
        <source>This product is priced in another currency.</source>
        <translation>Dieses Produkt hat einen Preis in einer anderen Währung.</translation>
    </message>
    <message>
        <source>This line is no longer in the cart.</source>
        <translation>Diese Position ist nicht mehr im Warenkorb.</translation>
    </message>
    <message>
        <source>The order is being placed already.</source>
        <translation>Die Bestellung wird bereits aufgegeben.</translation>
    </message>
    <message>
        <source>%1: the cart holds the most there can be (%2).</source>
        <translation>%1: Der Warenkorb enthält bereits die Höchstmenge (%2).</translation>
    </message>
    <message>
        <source>%1: only %2 more could be added (at most %3).</source>
        <translation>%1: Nur %2 weitere konnten hinzugefügt werden (höchstens %3).</translation>
    </message>
    <message>
        <source>%1 could not be added: %2</source>
        <translation>%1 konnte nicht hinzugefügt werden: %2</translation>
    </message>
</context>
<context>
    <name>Shop::Client::CatalogClient</name>
    <message>
        <source>The shop server sent a product list in an unexpected format.</source>
        <translation>Der Shop-Server hat eine Produktliste in einem unerwarteten Format gesendet.</translation>
    </message>
    <message>
        <source>The shop server sent a product in an unexpected format.</source>
        <translation>Der Shop-Server hat ein Produkt in einem unerwarteten Format gesendet.</translation>
    </message>
    <message>
        <source>The shop server sent the categories in an unexpected format.</source>
        <translation>Der Shop-Server hat die Kategorien in einem unerwarteten Format gesendet.</translation>
    </message>
    <message>
        <source>The shop server sent the brands in an unexpected format.</source>
        <translation>Der Shop-Server hat die Marken in einem unerwarteten Format gesendet.</translation>
    </message>
</context>
<context>
    <name>Shop::Client::CategoryTreeModel</name>
    <message>
        <source>All products</source>
        <translation>Alle Produkte</translation>
    </message>
    <message>
        <source>Products of every category</source>
        <translation>Produkte aller Kategorien</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message numerus="yes">
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln Produkt</numerusform>
            <numerusform>%Ln Produkte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Client::DashboardClient</name>
    <message>
        <source>The shop server sent the dashboard in an unexpected format.</source>
        <translation>Der Shop-Server hat die Übersicht in einem unerwarteten Format gesendet.</translation>
    </message>
</context>
<context>
    <name>Shop::Client::ImageLoader</name>
    <message>
        <source>The image is empty or too large.</source>
        <translation>Das Bild ist leer oder zu groß.</translation>
    </message>
    <message>
        <source>The file is not an image that can be shown.</source>
        <translation>Die Datei ist kein Bild, das angezeigt werden kann.</translation>
    </message>
</context>
<context>
    <name>Shop::Client::OrderListModel</name>
    <message>
        <source>Order %1, placed %2</source>
        <translation>Bestellung %1, aufgegeben am %2</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
</context>
<context>
    <name>Shop::Client::OrdersClient</name>
    <message>
        <source>The shop server sent an answer about orders in an unexpected format.</source>
        <translation>Der Shop-Server hat eine Antwort zu Bestellungen in einem unerwarteten Format gesendet.</translation>
    </message>
    <message>
        <source>Order not found</source>
        <translation>Bestellung nicht gefunden</translation>
    </message>
    <message>
        <source>There is no such order in your account. It may belong to another account: sign in with that one to see it.</source>
        <translation>In Ihrem Konto gibt es diese Bestellung nicht. Vielleicht gehört sie zu einem anderen Konto: Melden Sie sich mit diesem an, um sie zu sehen.</translation>
    </message>
    <message>
        <source>The order cannot be cancelled now</source>
        <translation>Die Bestellung kann jetzt nicht storniert werden</translation>
    </message>
    <message>
        <source>The order has moved on and can no longer be cancelled. Its current state is shown.</source>
        <translation>Die Bestellung ist inzwischen weiter und kann nicht mehr storniert werden. Ihr aktueller Stand wird angezeigt.</translation>
    </message>
    <message>
        <source>The order is already being processed: only the shop&apos;s staff can cancel it now. Contact the shop.</source>
        <translation>Die Bestellung wird bereits bearbeitet: Stornieren kann sie jetzt nur noch das Shop-Team. Wenden Sie sich an den Shop.</translation>
    </message>
</context>
<context>
    <name>Shop::Client::PaymentsClient</name>
    <message>
        <source>Malformed %1 in the server&apos;s answer.</source>
        <translation>Fehlerhafte Angabe (%1) in der Antwort des Servers.</translation>
    </message>
    <message>
        <source>This order has expired</source>
        <translation>Diese Bestellung ist abgelaufen</translation>
    </message>
    <message>
        <source>The order was not paid in time and has expired; its items went back to the shop. Place a new order to buy them.</source>
        <translation>Die Bestellung wurde nicht rechtzeitig bezahlt und ist abgelaufen; ihre Artikel sind zurück im Shop. Bestellen Sie neu, um sie zu kaufen.</translation>
    </message>
    <message>
        <source>This order is already paid</source>
        <translation>Diese Bestellung ist bereits bezahlt</translation>
    </message>
    <message>
        <source>Nothing more to pay for this order.</source>
        <translation>Für diese Bestellung ist nichts mehr zu bezahlen.</translation>
    </message>
    <message>
        <source>This order was cancelled</source>
        <translation>Diese Bestellung wurde storniert</translation>
    </message>
    <message>
        <source>A cancelled order cannot be paid.</source>
        <translation>Eine stornierte Bestellung kann nicht bezahlt werden.</translation>
    </message>
    <message>
        <source>This order cannot be paid now</source>
        <translation>Diese Bestellung kann jetzt nicht bezahlt werden</translation>
    </message>
    <message>
        <source>The order is no longer waiting for payment.</source>
        <translation>Die Bestellung wartet nicht mehr auf eine Zahlung.</translation>
    </message>
    <message>
        <source>Order not found</source>
        <translation>Bestellung nicht gefunden</translation>
    </message>
    <message>
        <source>There is no such order in your account.</source>
        <translation>Diese Bestellung gibt es in Ihrem Konto nicht.</translation>
    </message>
    <message>
        <source>Awaiting card</source>
        <translation>Wartet auf Karte</translation>
    </message>
    <message>
        <source>Awaiting confirmation</source>
        <translation>Wartet auf Bestätigung</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Requested by the customer</source>
        <translation>Auf Wunsch des Kunden</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Doppelt</translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation>Betrügerisch</translation>
    </message>
</context>
<context>
    <name>Shop::Client::ProductListModel</name>
    <message>
        <source>Out of stock</source>
        <translation>Nicht auf Lager</translation>
    </message>
    <message numerus="yes">
        <source>Only %n left</source>
        <translation>
            <numerusform>Nur noch %n Stück</numerusform>
            <numerusform>Nur noch %n Stück</numerusform>
        </translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>Auf Lager</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>Marke</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Click to sort by name (A to Z)</source>
        <translation>Klicken, um nach Name zu sortieren (A bis Z)</translation>
    </message>
    <message>
        <source>Click to sort by price; click again to reverse</source>
        <translation>Klicken, um nach Preis zu sortieren; erneut klicken kehrt die Reihenfolge um</translation>
    </message>
    <message>
        <source>Click to sort by date added (newest first)</source>
        <translation>Klicken, um nach Datum zu sortieren (neueste zuerst)</translation>
    </message>
    <message>
        <source>The server cannot sort by this column</source>
        <translation>Der Server kann nicht nach dieser Spalte sortieren</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1 (inaktiv)</translation>
    </message>
</context>
<context>
    <name>Shop::Client::UserListModel</name>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>%1 (deactivated: cannot sign in)</source>
        <translation>%1 (deaktiviert: kann sich nicht anmelden)</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
</context>
<context>
    <name>Shop::Client::UserMessages</name>
    <message>
        <source>Cannot reach the shop server</source>
        <translation>Shop-Server nicht erreichbar</translation>
    </message>
    <message>
        <source>Cannot reach the shop server at %1. Check that it is running, then Retry.</source>
        <translation>Der Shop-Server unter %1 ist nicht erreichbar. Prüfen Sie, ob er läuft, und wählen Sie dann „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>The shop server is not answering</source>
        <translation>Der Shop-Server antwortet nicht</translation>
    </message>
    <message>
        <source>The shop server at %1 did not answer in time. Check that it is running and not overloaded, then Retry.</source>
        <translation>Der Shop-Server unter %1 hat nicht rechtzeitig geantwortet. Prüfen Sie, ob er läuft und nicht überlastet ist, und wählen Sie dann „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>The shop server has no such item any more. Go back and choose another one.</source>
        <translation>Diesen Eintrag gibt es auf dem Shop-Server nicht mehr. Gehen Sie zurück und wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>The server did not accept the request</source>
        <translation>Der Server hat die Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>%1 Change your entries and try again.</source>
        <translation>%1 Ändern Sie Ihre Eingaben und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server did not accept these values: %1. Change them and try again.</source>
        <translation>Der Server hat diese Werte abgelehnt: %1. Ändern Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>Zu viele Anfragen</translation>
    </message>
    <message>
        <source>The shop server is busy with too many requests. Wait a moment, then Retry.</source>
        <translation>Der Shop-Server ist mit zu vielen Anfragen beschäftigt. Warten Sie einen Moment und wählen Sie dann „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Nicht erlaubt</translation>
    </message>
    <message>
        <source>The shop server does not allow this. Sign in with an account that may do it.</source>
        <translation>Der Shop-Server erlaubt das nicht. Melden Sie sich mit einem Konto an, das dazu berechtigt ist.</translation>
    </message>
    <message>
        <source>The shop server reported a problem</source>
        <translation>Der Shop-Server meldet ein Problem</translation>
    </message>
    <message>
        <source>The shop server reported a problem: %1 Retry later; if it keeps happening, tell the shop&apos;s administrator.</source>
        <translation>Der Shop-Server meldet ein Problem: %1 Versuchen Sie es später erneut; wenn es wieder passiert, informieren Sie die Administration des Shops.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Das aktuelle Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Too short: a password needs at least 12 characters.</source>
        <translation>Zu kurz: Ein Passwort braucht mindestens 12 Zeichen.</translation>
    </message>
    <message>
        <source>Too short.</source>
        <translation>Zu kurz.</translation>
    </message>
    <message>
        <source>This password is too common. Choose one that is harder to guess.</source>
        <translation>Dieses Passwort ist zu verbreitet. Wählen Sie eines, das schwerer zu erraten ist.</translation>
    </message>
    <message>
        <source>The password must not contain your email address.</source>
        <translation>Das Passwort darf Ihre E-Mail-Adresse nicht enthalten.</translation>
    </message>
    <message>
        <source>An account with this email address already exists. Sign in instead, or reset the password.</source>
        <translation>Es gibt bereits ein Konto mit dieser E-Mail-Adresse. Melden Sie sich stattdessen an oder setzen Sie das Passwort zurück.</translation>
    </message>
    <message>
        <source>This is already taken.</source>
        <translation>Das ist bereits vergeben.</translation>
    </message>
    <message>
        <source>This is not a valid email address.</source>
        <translation>Das ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>This is not valid.</source>
        <translation>Das ist nicht gültig.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Pflichtfeld.</translation>
    </message>
    <message>
        <source>This cannot be changed here.</source>
        <translation>Das kann hier nicht geändert werden.</translation>
    </message>
</context>
<context>
    <name>Shop::Commerce</name>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Versandt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::AccountFlows</name>
    <message>
        <source>Your session has ended. Sign in again to go on where you were.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um dort weiterzumachen, wo Sie waren.</translation>
    </message>
    <message>
        <source>Your password was changed. Sign in with the new password.</source>
        <translation>Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen Passwort an.</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::AccountPage</name>
    <message>
        <source>Sign in to see your profile and your addresses.</source>
        <translation>Melden Sie sich an, um Ihr Profil und Ihre Adressen zu sehen.</translation>
    </message>
    <message>
        <source>Sign In …</source>
        <translation>Anmelden …</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Save Profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Aktuelles Passwort:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>Neues Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>Change Password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>&amp;Add …</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit …</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Make &amp;Default</source>
        <translation>Als &amp;Standard</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Hello, %1</source>
        <translation>Hallo, %1</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again, then repeat the last step: what you typed is still here.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an und wiederholen Sie dann den letzten Schritt: Ihre Eingaben sind noch da.</translation>
    </message>
    <message>
        <source>Your profile was saved.</source>
        <translation>Ihr Profil wurde gespeichert.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter sind verschieden.</translation>
    </message>
    <message>
        <source>Your password was changed. You were signed out everywhere else.</source>
        <translation>Ihr Passwort wurde geändert. Überall sonst wurden Sie abgemeldet.</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>The address was saved.</source>
        <translation>Die Adresse wurde gespeichert.</translation>
    </message>
    <message>
        <source>Delete Address</source>
        <translation>Adresse löschen</translation>
    </message>
    <message>
        <source>Delete the address &quot;%1&quot;?</source>
        <translation>Die Adresse „%1“ löschen?</translation>
    </message>
    <message>
        <source>The address was deleted.</source>
        <translation>Die Adresse wurde gelöscht.</translation>
    </message>
    <message>
        <source>The default address was changed.</source>
        <translation>Die Standardadresse wurde geändert.</translation>
    </message>
    <message>
        <source>My &amp;Orders</source>
        <translation>Meine Bes&amp;tellungen</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::AddressDialog</name>
    <message>
        <source>Add Address</source>
        <translation>Adresse hinzufügen</translation>
    </message>
    <message>
        <source>Edit Address</source>
        <translation>Adresse bearbeiten</translation>
    </message>
    <message>
        <source>La&amp;bel:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>&amp;Empfänger:</translation>
    </message>
    <message>
        <source>&amp;Street:</source>
        <translation>&amp;Straße:</translation>
    </message>
    <message>
        <source>&amp;Address line 2:</source>
        <translation>&amp;Adresszusatz:</translation>
    </message>
    <message>
        <source>&amp;Postal code:</source>
        <translation>&amp;Postleitzahl:</translation>
    </message>
    <message>
        <source>&amp;City:</source>
        <translation>&amp;Ort:</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>C&amp;ountry:</source>
        <translation>&amp;Land:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>Home, Work, …</source>
        <translation>Zuhause, Arbeit, …</translation>
    </message>
    <message>
        <source>Two letters, e.g. DE or US</source>
        <translation>Zwei Buchstaben, z. B. DE oder AT</translation>
    </message>
    <message>
        <source>&amp;Default address</source>
        <translation>&amp;Standardadresse</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::CartPage</name>
    <message>
        <source>Your Cart</source>
        <translation>Ihr Warenkorb</translation>
    </message>
    <message>
        <source>Your cart is empty. Add products from the catalog with &quot;Add to cart&quot;.</source>
        <translation>Ihr Warenkorb ist leer. Legen Sie Produkte aus dem Katalog mit „In den Warenkorb“ hinein.</translation>
    </message>
    <message>
        <source>Subtotal:</source>
        <translation>Zwischensumme:</translation>
    </message>
    <message>
        <source>Tax:</source>
        <translation>Steuer:</translation>
    </message>
    <message>
        <source>Shipping:</source>
        <translation>Versand:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Gesamt:</translation>
    </message>
    <message>
        <source>&amp;Empty Cart …</source>
        <translation>Warenkorb &amp;leeren …</translation>
    </message>
    <message>
        <source>&amp;Check Out …</source>
        <translation>&amp;Zur Kasse …</translation>
    </message>
    <message>
        <source>Empty the Cart?</source>
        <translation>Warenkorb leeren?</translation>
    </message>
    <message numerus="yes">
        <source>Remove all %n item(s) from your cart?</source>
        <translation>
            <numerusform>Den %n Artikel aus dem Warenkorb entfernen?</numerusform>
            <numerusform>Alle %n Artikel aus dem Warenkorb entfernen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty Cart</source>
        <translation>Warenkorb leeren</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from the cart</source>
        <translation>%1 aus dem Warenkorb entfernen</translation>
    </message>
    <message>
        <source>%1 each</source>
        <translation>je %1</translation>
    </message>
    <message>
        <source>This product is no longer available. Remove it to check out.</source>
        <translation>Dieses Produkt ist nicht mehr erhältlich. Entfernen Sie es, um zu bestellen.</translation>
    </message>
    <message>
        <source>The price changed from %1 to %2 since you added it.</source>
        <translation>Der Preis hat sich seit dem Hinzufügen von %1 auf %2 geändert.</translation>
    </message>
    <message>
        <source>Out of stock now.</source>
        <translation>Zurzeit nicht vorrätig.</translation>
    </message>
    <message numerus="yes">
        <source>Only %n left in stock: lower the quantity.</source>
        <translation>
            <numerusform>Nur noch %n auf Lager: Verringern Sie die Menge.</numerusform>
            <numerusform>Nur noch %n auf Lager: Verringern Sie die Menge.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not be ordered: no longer sold.</source>
        <translation>Konnte nicht bestellt werden: wird nicht mehr verkauft.</translation>
    </message>
    <message>
        <source>Could not be ordered: %1 requested, only %2 available.</source>
        <translation>Konnte nicht bestellt werden: %1 gewünscht, nur %2 verfügbar.</translation>
    </message>
    <message>
        <source>calculated at checkout</source>
        <translation>wird an der Kasse berechnet</translation>
    </message>
    <message>
        <source>Tax and shipping are calculated at checkout, for the address the order goes to.</source>
        <translation>Steuer und Versand werden an der Kasse für die Lieferadresse berechnet.</translation>
    </message>
    <message>
        <source>Tax for your default address; checkout shows it for the address you choose.</source>
        <translation>Steuer für Ihre Standardadresse; an der Kasse sehen Sie sie für die gewählte Adresse.</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::CheckoutDialog</name>
    <message>
        <source>Check Out</source>
        <translation>Zur Kasse</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>&amp;New Address …</source>
        <translation>&amp;Neue Adresse …</translation>
    </message>
    <message>
        <source>Review your order</source>
        <translation>Ihre Bestellung prüfen</translation>
    </message>
    <message>
        <source>Subtotal:</source>
        <translation>Zwischensumme:</translation>
    </message>
    <message>
        <source>Tax:</source>
        <translation>Steuer:</translation>
    </message>
    <message>
        <source>Shipping:</source>
        <translation>Versand:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Gesamt:</translation>
    </message>
    <message>
        <source>&amp;Place Order</source>
        <translation>&amp;Bestellung aufgeben</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Thank you for your order</source>
        <translation>Vielen Dank für Ihre Bestellung</translation>
    </message>
    <message>
        <source>&amp;View Order</source>
        <translation>Bestellung &amp;ansehen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Add the address the order goes to with &quot;New Address&quot;.</source>
        <translation>Fügen Sie die Lieferadresse mit „Neue Adresse“ hinzu.</translation>
    </message>
    <message>
        <source>%1 × %2: %3</source>
        <translation>%1 × %2: %3</translation>
    </message>
    <message>
        <source>%1: no longer available, not ordered</source>
        <translation>%1: nicht mehr erhältlich, wird nicht bestellt</translation>
    </message>
    <message>
        <source>Your cart is empty.</source>
        <translation>Ihr Warenkorb ist leer.</translation>
    </message>
    <message>
        <source>calculated for the address</source>
        <translation>wird für die Adresse berechnet</translation>
    </message>
    <message>
        <source>%1 (no longer sold)</source>
        <translation>%1 (wird nicht mehr verkauft)</translation>
    </message>
    <message>
        <source>%1 (%2 wanted, %3 available)</source>
        <translation>%1 (%2 gewünscht, %3 verfügbar)</translation>
    </message>
    <message>
        <source>Not enough stock for: %1. Change these lines in the cart; nothing was ordered.</source>
        <translation>Nicht genug auf Lager: %1. Ändern Sie diese Positionen im Warenkorb; es wurde nichts bestellt.</translation>
    </message>
    <message>
        <source>%1 Press &quot;Place Order&quot; again: the order will not be placed twice.</source>
        <translation>%1 Klicken Sie erneut auf „Bestellung aufgeben“: Die Bestellung wird nicht doppelt aufgegeben.</translation>
    </message>
    <message>
        <source>Pay &amp;Later</source>
        <translation>&amp;Später bezahlen</translation>
    </message>
    <message>
        <source>Order %1 is placed and waiting for payment. Pay below; the order is held until %2.</source>
        <translation>Bestellung %1 ist aufgegeben und wartet auf die Zahlung. Bezahlen Sie unten; die Bestellung wird bis %2 für Sie reserviert.</translation>
    </message>
    <message>
        <source>Thank you: order %1 is paid.</source>
        <translation>Vielen Dank: Bestellung %1 ist bezahlt.</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::ForgotPasswordDialog</name>
    <message>
        <source>Forgot Password</source>
        <translation>Passwort vergessen</translation>
    </message>
    <message>
        <source>Enter the email address of your account. We send you a link to choose a new password.</source>
        <translation>Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen.</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>Send Link</source>
        <translation>Link senden</translation>
    </message>
    <message>
        <source>I Have a Reset Code …</source>
        <translation>Ich habe einen Code …</translation>
    </message>
    <message>
        <source>If the address is registered, an email is on its way. Open the link in it, or paste its code here with &quot;I Have a Reset Code&quot;. The link is valid for one hour.</source>
        <translation>Wenn die Adresse registriert ist, ist eine E-Mail unterwegs. Öffnen Sie den Link darin oder fügen Sie den Code hier mit „Ich habe einen Code“ ein. Der Link ist eine Stunde lang gültig.</translation>
    </message>
    <message>
        <source>Enter the email address of your account.</source>
        <translation>Geben Sie die E-Mail-Adresse Ihres Kontos ein.</translation>
    </message>
    <message>
        <source>Too many requests from this computer. Wait a while, then try again.</source>
        <translation>Zu viele Anfragen von diesem Computer. Warten Sie eine Weile und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::HomePage</name>
    <message>
        <source>Welcome to the shop</source>
        <translation>Willkommen im Shop</translation>
    </message>
    <message>
        <source>Browse the categories, look at what is new, or search the whole catalog.</source>
        <translation>Stöbern Sie in den Kategorien, sehen Sie sich Neuheiten an oder durchsuchen Sie den ganzen Katalog.</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>New arrivals</source>
        <translation>Neu eingetroffen</translation>
    </message>
    <message>
        <source>Best prices</source>
        <translation>Günstigste Preise</translation>
    </message>
    <message>
        <source>See all</source>
        <translation>Alle ansehen</translation>
    </message>
    <message>
        <source>Show all of them in the catalog</source>
        <translation>Alle im Katalog zeigen</translation>
    </message>
    <message>
        <source>Loading the shop …</source>
        <translation>Der Shop wird geladen …</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::MainWindow</name>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation>Zurück (Alt+Links)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Vorwärts</translation>
    </message>
    <message>
        <source>Forward (Alt+Right)</source>
        <translation>Vorwärts (Alt+Rechts)</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>&amp;Startseite</translation>
    </message>
    <message>
        <source>Home (Alt+Home)</source>
        <translation>Startseite (Alt+Pos1)</translation>
    </message>
    <message>
        <source>&amp;Products</source>
        <translation>&amp;Produkte</translation>
    </message>
    <message>
        <source>All products (Ctrl+1)</source>
        <translation>Alle Produkte (Strg+1)</translation>
    </message>
    <message>
        <source>&amp;Search Products</source>
        <translation>Produkte &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>&amp;Settings …</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About Shop</source>
        <translation>&amp;Über den Shop</translation>
    </message>
    <message>
        <source>About Shop</source>
        <translation>Über den Shop</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Shop %1&lt;/h3&gt;&lt;p&gt;The shop&apos;s storefront: browse the catalog of the shop server at %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Shop %1&lt;/h3&gt;&lt;p&gt;Das Schaufenster des Shops: den Katalog des Shop-Servers unter %2 durchstöbern.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Shop</source>
        <translation>&amp;Shop</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Startseite</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Server: %1 (not reachable)</source>
        <translation>Server: %1 (nicht erreichbar)</translation>
    </message>
    <message>
        <source>Shop storefront: browse the shop&apos;s catalog.</source>
        <translation>Shop: den Katalog des Shops durchstöbern.</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>The system keychain is not available: &quot;Remember me&quot; keeps you signed in only until the app quits.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar: „Angemeldet bleiben“ gilt nur, bis die App beendet wird.</translation>
    </message>
    <message>
        <source>Sign &amp;In …</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <source>&amp;Create an Account …</source>
        <translation>Konto &amp;erstellen …</translation>
    </message>
    <message>
        <source>My &amp;Account</source>
        <translation>Mein &amp;Konto</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Not signed in. Browsing the catalog needs no account.</source>
        <translation>Nicht angemeldet. Zum Stöbern im Katalog braucht es kein Konto.</translation>
    </message>
    <message>
        <source>My Account</source>
        <translation>Mein Konto</translation>
    </message>
    <message>
        <source>Your cart was added to your account&apos;s cart. %1</source>
        <translation>Ihr Warenkorb wurde in den Warenkorb Ihres Kontos übernommen. %1</translation>
    </message>
    <message>
        <source>&amp;Cart (%1)</source>
        <translation>&amp;Warenkorb (%1)</translation>
    </message>
    <message>
        <source>&amp;Cart</source>
        <translation>&amp;Warenkorb</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) in your cart</source>
        <translation>
            <numerusform>%n Artikel in Ihrem Warenkorb</numerusform>
            <numerusform>%n Artikel in Ihrem Warenkorb</numerusform>
        </translation>
    </message>
    <message>
        <source>Your cart is empty</source>
        <translation>Ihr Warenkorb ist leer</translation>
    </message>
    <message>
        <source>Added %1 to your cart.</source>
        <translation>%1 wurde in den Warenkorb gelegt.</translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>%1 wurde nicht hinzugefügt: %2</translation>
    </message>
    <message>
        <source>Sign in to check out. Your cart is kept and added to your account.</source>
        <translation>Melden Sie sich an, um zu bestellen. Ihr Warenkorb bleibt erhalten und wird in Ihr Konto übernommen.</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <source>%1 is out of stock: it cannot be ordered now.</source>
        <translation>%1 ist nicht vorrätig: zurzeit nicht bestellbar.</translation>
    </message>
    <message>
        <source>My O&amp;rders</source>
        <translation>Meine Bestell&amp;ungen</translation>
    </message>
    <message>
        <source>My &amp;Orders</source>
        <translation>Meine &amp;Bestellungen</translation>
    </message>
    <message>
        <source>Your orders (signed in)</source>
        <translation>Ihre Bestellungen (angemeldet)</translation>
    </message>
    <message>
        <source>Sign in to see your orders.</source>
        <translation>Melden Sie sich an, um Ihre Bestellungen zu sehen.</translation>
    </message>
    <message>
        <source>My Orders</source>
        <translation>Meine Bestellungen</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::OrderDetailPage</name>
    <message>
        <source>Sign in to see your orders.</source>
        <translation>Melden Sie sich an, um Ihre Bestellungen zu sehen.</translation>
    </message>
    <message>
        <source>Sign In …</source>
        <translation>Anmelden …</translation>
    </message>
    <message>
        <source>&amp;Cancel Order …</source>
        <translation>Bestellung &amp;stornieren …</translation>
    </message>
    <message>
        <source>All &amp;Orders</source>
        <translation>&amp;Alle Bestellungen</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Summen</translation>
    </message>
    <message>
        <source>Shipping address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Subtotal:</source>
        <translation>Zwischensumme:</translation>
    </message>
    <message>
        <source>Tax:</source>
        <translation>Steuer:</translation>
    </message>
    <message>
        <source>Shipping:</source>
        <translation>Versand:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Gesamt:</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Stückpreis</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Durch</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>the shop&apos;s staff</source>
        <translation>Shop-Team</translation>
    </message>
    <message>
        <source>the shop (automatically)</source>
        <translation>Shop (automatisch)</translation>
    </message>
    <message>
        <source>Order placed</source>
        <translation>Bestellung aufgegeben</translation>
    </message>
    <message>
        <source>Not paid in time</source>
        <translation>Nicht rechtzeitig bezahlt</translation>
    </message>
    <message>
        <source>Cancelled by you</source>
        <translation>Von Ihnen storniert</translation>
    </message>
    <message>
        <source>Payment received</source>
        <translation>Zahlung eingegangen</translation>
    </message>
    <message>
        <source>The order had already been cancelled (%1, by %2), so nothing changed.</source>
        <translation>Die Bestellung war bereits storniert (%1, durch %2), daher hat sich nichts geändert.</translation>
    </message>
    <message>
        <source>The order had already been cancelled, so nothing changed.</source>
        <translation>Die Bestellung war bereits storniert, daher hat sich nichts geändert.</translation>
    </message>
    <message>
        <source>The order can no longer be cancelled: its status is now “%1”.</source>
        <translation>Die Bestellung kann nicht mehr storniert werden: Ihr Status ist jetzt „%1“.</translation>
    </message>
    <message>
        <source>Loading the order …</source>
        <translation>Bestellung wird geladen …</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Placed %1 · last changed %2</source>
        <translation>Aufgegeben %1 · zuletzt geändert %2</translation>
    </message>
    <message>
        <source>Placed %1</source>
        <translation>Aufgegeben %1</translation>
    </message>
    <message>
        <source>Shipped with %1.</source>
        <translation>Versandt mit %1.</translation>
    </message>
    <message>
        <source>Tracking number: %1</source>
        <translation>Sendungsnummer: %1</translation>
    </message>
    <message>
        <source>Shipped with %1, tracking number %2.</source>
        <translation>Versandt mit %1, Sendungsnummer %2.</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Kostenlos</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Placed: %1</source>
        <translation>Aufgegeben: %1</translation>
    </message>
    <message>
        <source>Cancel Order</source>
        <translation>Bestellung stornieren</translation>
    </message>
    <message>
        <source>Cancel the order %1 for %2? Its items go back into stock; this cannot be undone.</source>
        <translation>Die Bestellung %1 über %2 stornieren? Die Artikel gehen zurück ins Lager; das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Keep Order</source>
        <translation>Bestellung behalten</translation>
    </message>
    <message>
        <source>Cancelling the order …</source>
        <translation>Bestellung wird storniert …</translation>
    </message>
    <message>
        <source>The order was cancelled. Its items are back in stock.</source>
        <translation>Die Bestellung wurde storniert. Die Artikel sind wieder auf Lager.</translation>
    </message>
    <message>
        <source>&amp;Pay Now …</source>
        <translation>&amp;Jetzt bezahlen …</translation>
    </message>
    <message>
        <source>Your items are held for you until %1. Pay with &quot;Pay Now&quot; before then: an unpaid order is cancelled automatically when the time is up.</source>
        <translation>Ihre Artikel sind bis %1 für Sie reserviert. Bezahlen Sie vorher mit „Jetzt bezahlen“: Eine unbezahlte Bestellung wird nach Ablauf der Zeit automatisch storniert.</translation>
    </message>
    <message>
        <source>The order waits for payment: pay with &quot;Pay Now&quot;.</source>
        <translation>Die Bestellung wartet auf die Zahlung: Bezahlen Sie mit „Jetzt bezahlen“.</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::OrdersPage</name>
    <message>
        <source>Sign in to see your orders.</source>
        <translation>Melden Sie sich an, um Ihre Bestellungen zu sehen.</translation>
    </message>
    <message>
        <source>Sign In …</source>
        <translation>Anmelden …</translation>
    </message>
    <message>
        <source>My Orders</source>
        <translation>Meine Bestellungen</translation>
    </message>
    <message>
        <source>&amp;Open Order</source>
        <translation>Bestellung ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Loading your orders …</source>
        <translation>Ihre Bestellungen werden geladen …</translation>
    </message>
    <message>
        <source>No orders yet</source>
        <translation>Noch keine Bestellungen</translation>
    </message>
    <message>
        <source>Your orders appear here once you have placed one.</source>
        <translation>Ihre Bestellungen erscheinen hier, sobald Sie eine aufgegeben haben.</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n Bestellung</numerusform>
            <numerusform>%n Bestellungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::PaymentDialog</name>
    <message>
        <source>Pay for Your Order</source>
        <translation>Bestellung bezahlen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Pay &amp;Later</source>
        <translation>&amp;Später bezahlen</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::PaymentPage</name>
    <message>
        <source>Thank you: your order is paid</source>
        <translation>Vielen Dank: Ihre Bestellung ist bezahlt</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>&amp;Pay</source>
        <translation>&amp;Bezahlen</translation>
    </message>
    <message>
        <source>&amp;Try Another Card</source>
        <translation>&amp;Andere Karte versuchen</translation>
    </message>
    <message>
        <source>Amount to pay: %1</source>
        <translation>Zu zahlen: %1</translation>
    </message>
    <message>
        <source>The payment page could not be shown.</source>
        <translation>Die Zahlungsseite konnte nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>The payment form could not be loaded. Check your connection and try again.</source>
        <translation>Das Zahlungsformular konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Checking the payment with the shop …</source>
        <translation>Die Zahlung wird beim Shop geprüft …</translation>
    </message>
    <message>
        <source>Order %1 is paid. A confirmation email is on its way to you.</source>
        <translation>Bestellung %1 ist bezahlt. Eine Bestätigung per E-Mail ist unterwegs zu Ihnen.</translation>
    </message>
    <message>
        <source>The payment did not go through: %1 Your order is still waiting for payment: try another card.</source>
        <translation>Die Zahlung ist nicht durchgegangen: %1 Ihre Bestellung wartet weiter auf die Zahlung: Versuchen Sie eine andere Karte.</translation>
    </message>
    <message>
        <source>the card was not accepted.</source>
        <translation>Die Karte wurde nicht akzeptiert.</translation>
    </message>
    <message>
        <source>This order was cancelled and cannot be paid.</source>
        <translation>Diese Bestellung wurde storniert und kann nicht bezahlt werden.</translation>
    </message>
    <message>
        <source>The payment is still being processed. The order page shows when it is confirmed; you will get an email too.</source>
        <translation>Die Zahlung wird noch verarbeitet. Die Bestellseite zeigt, wann sie bestätigt ist; Sie erhalten auch eine E-Mail.</translation>
    </message>
    <message>
        <source>Amount paid: %1</source>
        <translation>Bezahlter Betrag: %1</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::ProductGridView</name>
    <message>
        <source>Add to &amp;Cart</source>
        <translation>In den &amp;Warenkorb</translation>
    </message>
    <message>
        <source>Add to cart (Ctrl+Shift+A or +)</source>
        <translation>In den Warenkorb (Strg+Umschalt+A oder +)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::ProductPage</name>
    <message>
        <source>Add to cart</source>
        <translation>In den Warenkorb</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>&amp;Menge:</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>This product does not exist. Go back and choose another one.</source>
        <translation>Dieses Produkt gibt es nicht. Gehen Sie zurück und wählen Sie ein anderes.</translation>
    </message>
    <message>
        <source>Loading the product …</source>
        <translation>Das Produkt wird geladen …</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>Kategorie: %1</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Nicht auf Lager</translation>
    </message>
    <message numerus="yes">
        <source>Only %n left in stock</source>
        <translation>
            <numerusform>Nur noch %n Stück auf Lager</numerusform>
            <numerusform>Nur noch %n Stück auf Lager</numerusform>
        </translation>
    </message>
    <message>
        <source>In stock (%1 available)</source>
        <translation>Auf Lager (%1 verfügbar)</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>Keine Beschreibung.</translation>
    </message>
    <message>
        <source>Article number: %1</source>
        <translation>Artikelnummer: %1</translation>
    </message>
    <message>
        <source>Put this quantity into your cart</source>
        <translation>Diese Menge in den Warenkorb legen</translation>
    </message>
    <message>
        <source>Out of stock: it cannot be ordered now.</source>
        <translation>Nicht vorrätig: zurzeit nicht bestellbar.</translation>
    </message>
    <message>
        <source>Added %1 × %2 to your cart.</source>
        <translation>%1 × %2 wurde in den Warenkorb gelegt.</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>Nicht hinzugefügt: %1</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::ProductsPage</name>
    <message>
        <source>In stock only</source>
        <translation>Nur vorrätige</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Search products (Ctrl+F)</source>
        <translation>Produkte suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>Beste Treffer</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <source>Price: low to high</source>
        <translation>Preis: aufsteigend</translation>
    </message>
    <message>
        <source>Price: high to low</source>
        <translation>Preis: absteigend</translation>
    </message>
    <message>
        <source>Name (A to Z)</source>
        <translation>Name (A bis Z)</translation>
    </message>
    <message>
        <source>Order of the products</source>
        <translation>Reihenfolge der Produkte</translation>
    </message>
    <message>
        <source>S&amp;ort:</source>
        <translation>S&amp;ortierung:</translation>
    </message>
    <message>
        <source>&amp;Categories</source>
        <translation>&amp;Kategorien</translation>
    </message>
    <message>
        <source>All brands</source>
        <translation>Alle Marken</translation>
    </message>
    <message>
        <source>&amp;Brand:</source>
        <translation>&amp;Marke:</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min.</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>&amp;Price:</source>
        <translation>&amp;Preis:</translation>
    </message>
    <message>
        <source>Enter an amount such as %1.</source>
        <translation>Geben Sie einen Betrag wie %1 ein.</translation>
    </message>
    <message>
        <source>Loading products …</source>
        <translation>Produkte werden geladen …</translation>
    </message>
    <message>
        <source>Loading …</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No matching products</source>
        <translation>Keine passenden Produkte</translation>
    </message>
    <message>
        <source>No products match your search and filters. Try other words or clear the filters.</source>
        <translation>Keine Produkte passen zu Ihrer Suche und Ihren Filtern. Versuchen Sie andere Wörter oder setzen Sie die Filter zurück.</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>No products yet</source>
        <translation>Noch keine Produkte</translation>
    </message>
    <message>
        <source>The shop has no products for sale yet. Come back later.</source>
        <translation>Der Shop bietet noch keine Produkte an. Schauen Sie später wieder vorbei.</translation>
    </message>
    <message>
        <source>No products</source>
        <translation>Keine Produkte</translation>
    </message>
    <message numerus="yes">
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln Produkt</numerusform>
            <numerusform>%Ln Produkte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::RegisterDialog</name>
    <message>
        <source>Create an Account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>At least 12 characters. A few unrelated words are easy to remember and hard to guess.</source>
        <translation>Mindestens 12 Zeichen. Ein paar Wörter ohne Zusammenhang sind leicht zu merken und schwer zu erraten.</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Auf diesem Computer &amp;angemeldet bleiben</translation>
    </message>
    <message>
        <source>Create Account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>I Have an Account</source>
        <translation>Ich habe ein Konto</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter sind verschieden.</translation>
    </message>
    <message>
        <source>Too many accounts were created from this computer. Wait a while, then try again.</source>
        <translation>Von diesem Computer wurden zu viele Konten erstellt. Warten Sie eine Weile und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::ResetPasswordDialog</name>
    <message>
        <source>Choose a New Password</source>
        <translation>Neues Passwort wählen</translation>
    </message>
    <message>
        <source>Paste the code from the password reset email (or open its link), then choose a new password of at least 12 characters.</source>
        <translation>Fügen Sie den Code aus der E-Mail zum Zurücksetzen des Passworts ein (oder öffnen Sie ihren Link) und wählen Sie dann ein neues Passwort mit mindestens 12 Zeichen.</translation>
    </message>
    <message>
        <source>Reset &amp;code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>Save Password</source>
        <translation>Passwort speichern</translation>
    </message>
    <message>
        <source>Paste the code from the email.</source>
        <translation>Fügen Sie den Code aus der E-Mail ein.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter sind verschieden.</translation>
    </message>
    <message>
        <source>This code is unknown, used or expired. Ask for a new email with &quot;Forgot password?&quot;.</source>
        <translation>Dieser Code ist unbekannt, schon benutzt oder abgelaufen. Fordern Sie mit „Passwort vergessen?“ eine neue E-Mail an.</translation>
    </message>
</context>
<context>
    <name>Shop::Storefront::SignInDialog</name>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Create an Account …</source>
        <translation>Konto erstellen …</translation>
    </message>
</context>
<context>
    <name>Shop::Widgets::CommandLine</name>
    <message>
        <source>Use the shop server at &lt;url&gt; for this run.</source>
        <translation>Für diesen Start den Shop-Server unter &lt;url&gt; verwenden.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Read and write settings in &lt;file&gt; (INI format).</source>
        <translation>Einstellungen in &lt;datei&gt; lesen und schreiben (INI-Format).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>datei</translation>
    </message>
    <message>
        <source>Show the app in &lt;language&gt; (e.g. de, en).</source>
        <translation>Die App in &lt;sprache&gt; zeigen (z. B. de, en).</translation>
    </message>
    <message>
        <source>language</source>
        <translation>sprache</translation>
    </message>
    <message>
        <source>Print the time from start to the first page of products, then quit (measurement).</source>
        <translation>Die Zeit vom Start bis zur ersten Produktseite ausgeben, dann beenden (Messung).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address such as http://127.0.0.1:8080.</source>
        <translation>„%1“ ist keine Serveradresse wie http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>With --exit-when-loaded: save a picture of the window in &lt;file&gt; (PNG).</source>
        <translation>Mit --exit-when-loaded: ein Bild des Fensters in &lt;datei&gt; speichern (PNG).</translation>
    </message>
    <message>
        <source>A shop:// link to open, such as the link in a password reset email.</source>
        <translation>Ein shop://-Link zum Öffnen, etwa der Link in einer E-Mail zum Zurücksetzen des Passworts.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a link the app can open.</source>
        <translation>„%1“ ist kein Link, den die App öffnen kann.</translation>
    </message>
</context>
<context>
    <name>Shop::Widgets::FieldErrors</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Shop::Widgets::SettingsDialog</name>
    <message>
        <source>Connect to a shop server</source>
        <translation>Mit einem Shop-Server verbinden</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Welcome! Enter the address of the shop server this app should use. The address is checked before it is saved; you can change it later under Settings.</source>
        <translation>Willkommen! Geben Sie die Adresse des Shop-Servers ein, den diese App verwenden soll. Die Adresse wird vor dem Speichern geprüft; Sie können sie später unter Einstellungen ändern.</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>&amp;Serveradresse:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
    <message>
        <source>Check and &amp;Save</source>
        <translation>Prüfen und &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address. Enter one like %2.</source>
        <translation>„%1“ ist keine Serveradresse. Geben Sie eine Adresse wie %2 ein.</translation>
    </message>
    <message>
        <source>Checking %1 …</source>
        <translation>%1 wird geprüft …</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
</context>
<context>
    <name>Shop::Widgets::SignInForm</name>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@beispiel.de</translation>
    </message>
    <message>
        <source>Forgot password?</source>
        <translation>Passwort vergessen?</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Auf diesem Computer &amp;angemeldet bleiben</translation>
    </message>
    <message>
        <source>Keeps you signed in after the app quits, in the system keychain.</source>
        <translation>Hält Sie über das Beenden der App hinaus angemeldet, im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>The system keychain is not available, so you stay signed in only until the app quits.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar, daher bleiben Sie nur angemeldet, bis die App beendet wird.</translation>
    </message>
    <message>
        <source>Enter your email address and your password.</source>
        <translation>Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Signing in …</source>
        <translation>Anmeldung läuft …</translation>
    </message>
    <message>
        <source>The email address or the password is wrong.</source>
        <translation>Die E-Mail-Adresse oder das Passwort ist falsch.</translation>
    </message>
    <message>
        <source>This account is deactivated. Contact the shop if you think this is a mistake.</source>
        <translation>Dieses Konto ist deaktiviert. Wenden Sie sich an den Shop, wenn Sie das für einen Irrtum halten.</translation>
    </message>
    <message>
        <source>Too many attempts to sign in. Wait a few minutes, then try again.</source>
        <translation>Zu viele Anmeldeversuche. Warten Sie ein paar Minuten und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>Shop::Widgets::StatusPanel</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
</context>
</TS>
