#pragma once

#include "error.h"

#include <QIODevice>
#include <QStringList>

namespace Shop {

// Streams RFC 4180 CSV records from a device: quoted fields, "" escapes, CR/LF or LF line ends,
// newlines inside quotes. Input must be UTF-8. Memory use is one record, whatever the file size.
class CsvReader final
{
public:
    explicit CsvReader(QIODevice *device);

    // The next record, std::nullopt at the end of the input, or an error naming the line.
    [[nodiscard]] std::optional<Result<QStringList>> next();
    // The 1-based line on which the record last returned by next() starts.
    [[nodiscard]] qint64 recordLine() const { return m_recordLine; }
    // How far through the device the reader is, in bytes (for progress reports).
    [[nodiscard]] qint64 bytesRead() const { return m_bytesRead; }

private:
    QIODevice *m_device;
    qint64 m_line = 0;
    qint64 m_recordLine = 0;
    qint64 m_bytesRead = 0;
};

} // namespace Shop
