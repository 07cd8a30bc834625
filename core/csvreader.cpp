#include "csvreader.h"

#include "validation.h"

namespace Shop {

CsvReader::CsvReader(QIODevice *device)
    : m_device(device)
{ }

std::optional<Result<QStringList>> CsvReader::next()
{
    QStringList fields;
    QString field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool started = false;

    while (true) {
        const QByteArray rawLine = m_device->readLine();
        if (rawLine.isEmpty()) {
            if (inQuotes) {
                return fail(Error::badRequest(
                    QStringLiteral("line %1: a quoted field is never closed").arg(m_recordLine)));
            }
            if (!started) {
                return std::nullopt;
            }
            fields.append(field);
            return fields;
        }
        ++m_line;
        m_bytesRead += rawLine.size();
        if (!started) {
            m_recordLine = m_line;
            started = true;
            if (rawLine == "\n" || rawLine == "\r\n") {
                started = false; // skip blank lines between records
                continue;
            }
        }
        if (!isValidUtf8(rawLine)) {
            return fail(Error::badRequest(
                QStringLiteral("line %1: the text is not valid UTF-8").arg(m_line)));
        }
        QString line = QString::fromUtf8(rawLine);
        bool endOfRecord = false;
        if (line.endsWith(u'\n')) {
            line.chop(1);
            if (line.endsWith(u'\r')) {
                line.chop(1);
            }
            endOfRecord = true;
        }

        for (qsizetype i = 0; i < line.size(); ++i) {
            const QChar c = line.at(i);
            if (inQuotes) {
                if (c == u'"') {
                    if (i + 1 < line.size() && line.at(i + 1) == u'"') {
                        field += u'"';
                        ++i;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field += c;
                }
            } else if (c == u',') {
                fields.append(field);
                field.clear();
                fieldWasQuoted = false;
            } else if (c == u'"') {
                if (!field.isEmpty() || fieldWasQuoted) {
                    return fail(Error::badRequest(
                        QStringLiteral("line %1: a quote appears inside an unquoted field")
                            .arg(m_line)));
                }
                inQuotes = true;
                fieldWasQuoted = true;
            } else {
                if (fieldWasQuoted) {
                    return fail(Error::badRequest(
                        QStringLiteral("line %1: text follows a closing quote").arg(m_line)));
                }
                field += c;
            }
        }
        if (inQuotes) {
            field += u'\n'; // the newline belongs to the quoted field
            continue;
        }
        if (endOfRecord || m_device->atEnd()) {
            fields.append(field);
            return fields;
        }
    }
}

} // namespace Shop
