/// One result row: every value as PostgreSQL's text, nil for NULL.
public struct PostgresRow: Sendable {
    private let layout: ColumnLayout
    private let values: [String?]

    /// A row built by hand, for tests and fakes; query results share one layout between their rows.
    public init(columns: [String], values: [String?]) {
        self.init(layout: ColumnLayout(columns), values: values)
    }

    init(layout: ColumnLayout, values: [String?]) {
        precondition(layout.names.count == values.count, "a row needs one value per column")
        self.layout = layout
        self.values = values
    }

    public var columns: [String] { layout.names }

    public func isNull(_ column: String) -> Bool { self[column] == nil }

    /// The value of `column`; throws when it is NULL, missing or not readable as `T`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = try decode(column, as: T?.self) else {
            throw PostgresError(message: "column \"\(column)\" is NULL")
        }
        return value
    }

    /// The value of `column`, nil for NULL; throws when it is missing or not readable as `T`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T?.Type = T?.self) throws -> T? {
        guard let index = layout.indexes[column] else {
            throw PostgresError(message: "no column \"\(column)\" in the result (columns: \(columns.joined(separator: ", ")))")
        }
        return try values[index].map(T.init(postgresText:))
    }

    /// The raw text of `column`; nil for NULL or a missing column.
    public subscript(column: String) -> String? {
        layout.indexes[column].flatMap { values[$0] }
    }
}

/// Column names and their positions, built once per result and shared by its rows.
struct ColumnLayout: Sendable {
    let names: [String]
    let indexes: [String: Int]

    init(_ names: [String]) {
        self.names = names
        // With duplicate names ("SELECT a.id, b.id") the first column wins, as in most drivers.
        indexes = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension Array where Element == PostgresRow {
    /// The row an `INSERT … RETURNING` gives: an error that says so, not a trap, when the server returned none.
    public func returnedRow() throws -> PostgresRow {
        guard let row = first else { throw PostgresError(message: "the statement returned no row") }
        return row
    }
}
