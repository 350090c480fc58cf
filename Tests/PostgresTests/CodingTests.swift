import FintrakCore
import Foundation
import Testing

@testable import FintrakPostgres

/// Encoding, decoding and option checks; no server needed.
@Suite struct CodingTests {
    @Test func encodesScalarsAsPostgresText() throws {
        #expect("₹ नमस्ते".postgresText == "₹ नमस्ते")
        #expect(42.postgresText == "42")
        #expect(Int64.min.postgresText == "-9223372036854775808")
        #expect(Int32(-7).postgresText == "-7")
        #expect(true.postgresText == "true")
        #expect(false.postgresText == "false")
        #expect(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!.postgresText == "e621e1f8-c36c-495a-93fc-0c247a3e6e5f")
    }

    @Test func encodesDecimalsWithoutExponentOrFloatingError() throws {
        #expect(try #require(Decimal(string: "123456.50")).postgresText == "123456.5")
        #expect(try #require(Decimal(string: "-0.01")).postgresText == "-0.01")
        #expect(Decimal(sign: .plus, exponent: 20, significand: 1).postgresText == "100000000000000000000")
        #expect((Decimal(string: "0.1")! + Decimal(string: "0.2")!).postgresText == "0.3")
    }

    @Test func optionalsEncodeNilAsNull() throws {
        let missing: String? = nil
        let present: Int? = 5
        #expect(missing.postgresText == nil)
        #expect(present.postgresText == "5")
        #expect(try PostgresError.parameterText(nil) == nil)
        #expect(try PostgresError.parameterText(missing) == nil)
        #expect(try PostgresError.parameterText("x") == "x")
    }

    @Test func rejectsParametersContainingNUL() {
        #expect(throws: PostgresError.self) { try PostgresError.parameterText("before\0after") }
    }

    @Test func formatsDatesInUTCWithMicroseconds() {
        #expect(Date(timeIntervalSince1970: 0).postgresText == "1970-01-01T00:00:00.000000Z")
        #expect(Date(timeIntervalSince1970: -1.5).postgresText == "1969-12-31T23:59:58.500000Z")
        // 2026-11-21 10:15:30.123456 UTC
        #expect(Date(timeIntervalSince1970: 1_795_256_130.123456).postgresText == "2026-11-21T10:15:30.123456Z")
        #expect(Date(timeIntervalSince1970: 951_782_400).postgresText == "2000-02-29T00:00:00.000000Z")
    }

    @Test(arguments: [
        ("2026-11-21 10:15:30.123456+00", 1_795_256_130.123456),
        ("2026-11-21 15:45:30.123456+05:30", 1_795_256_130.123456),
        ("2026-11-21 06:45:30.5-03:30", 1_795_256_130.5),
        ("2026-11-21 10:15:30+00", 1_795_256_130),
        ("2026-11-21T10:15:30.123456Z", 1_795_256_130.123456),
        ("1900-01-01 00:00:00+05:53:28", -2_208_988_800 - 21_208),
        ("2024-02-29 00:00:00+00", 1_709_164_800),
    ] as [(String, Double)])
    func parsesTimestamptzText(text: String, secondsSince1970: Double) throws {
        let date = try Date(postgresText: text)
        #expect(abs(date.timeIntervalSince1970 - secondsSince1970) < 0.000_001)
    }

    @Test(arguments: [
        "2026-11-21 10:15:30", "2026-11-21", "infinity", "-infinity", "0044-03-15 12:00:00+00 BC",
        "2026-13-01 00:00:00+00", "2026-11-21 10:15:30.1234567+00", "2026-11-21 10:15:30+5", "",
    ])
    func rejectsTimestampsWithoutAnInstant(text: String) {
        #expect(throws: PostgresError.self) { try Date(postgresText: text) }
    }

    @Test func datesRoundTripThroughText() throws {
        for seconds in stride(from: -2_000_000_000.0, to: 4_000_000_000.0, by: 123_456_789.987654) {
            let date = Date(timeIntervalSince1970: seconds)
            let decoded = try Date(postgresText: try #require(date.postgresText))
            #expect(abs(decoded.timeIntervalSince(date)) < 0.000_001, "\(date.postgresText!)")
        }
    }

    @Test func decodesScalars() throws {
        #expect(try Int(postgresText: "-12") == -12)
        #expect(try Int64(postgresText: "9223372036854775807") == .max)
        #expect(try Int32(postgresText: "7") == 7)
        #expect(try Bool(postgresText: "t") == true)
        #expect(try Bool(postgresText: "f") == false)
        #expect(try UUID(postgresText: "e621e1f8-c36c-495a-93fc-0c247a3e6e5f") == UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        #expect(throws: PostgresError.self) { try Int(postgresText: "12x") }
        #expect(throws: PostgresError.self) { try Int32(postgresText: "3000000000") }
        #expect(throws: PostgresError.self) { try Bool(postgresText: "true") }
        #expect(throws: PostgresError.self) { try UUID(postgresText: "not-a-uuid") }
    }

    @Test func decodesNumericTextExactly() throws {
        #expect(try Decimal(postgresText: "123456.50") == Decimal(string: "123456.5"))
        #expect(try Decimal(postgresText: "-0.01") == Decimal(string: "-0.01"))
        #expect(try Decimal(postgresText: "999999999999.99") == Decimal(string: "999999999999.99"))
        for text in ["NaN", "Infinity", "1e5", "12abc", "", "-", ".5", "5.", "1.2.3", "--1", "+1"] {
            #expect(throws: PostgresError.self, "\(text)") { try Decimal(postgresText: text) }
        }
    }

    @Test func rowsDecodeByColumnName() throws {
        let row = PostgresRow(columns: ["id", "name", "note", "id"], values: ["7", "Ramesh", nil, "8"])
        #expect(row.columns == ["id", "name", "note", "id"])
        #expect(try row.decode("id", as: Int.self) == 7)
        #expect(try row.decode("name") == "Ramesh")
        #expect(row["name"] == "Ramesh")
        #expect(row["note"] == nil)
        #expect(row["missing"] == nil)
        #expect(row.isNull("note"))
        #expect(!row.isNull("name"))
        #expect(try row.decode("note", as: String?.self) == nil)
        // A NULL read into an optional is nil, not an error, also without `as:`.
        let note: String? = try row.decode("note")
        #expect(note == nil)
        #expect(throws: PostgresError.self) { try row.decode("note", as: String.self) }
        #expect(throws: PostgresError.self) { try row.decode("missing", as: String?.self) }
        #expect(throws: PostgresError.self) { try row.decode("name", as: Int.self) }
    }

    @Test func transactionOptionsBecomeParameterizedStatements() throws {
        let options = TransactionOptions(
            readOnly: true, statementTimeout: .milliseconds(1500), settings: [(name: "app.tenant_id", value: "x'; --")],
            role: "fintrak_tenant")
        let statements = try options.openingStatements()
        #expect(statements.map(\.sql) == [
            "BEGIN READ ONLY", "SELECT set_config($1, $2, true), set_config($3, $4, true), set_config($5, $6, true)",
        ])
        #expect(statements[1].parameters.map { $0?.postgresText } == [
            "statement_timeout", "1500", "app.tenant_id", "x'; --", "role", "fintrak_tenant",
        ])
        #expect(try TransactionOptions().openingStatements().map(\.sql) == ["BEGIN"])
    }

    @Test func statementTimeoutsRoundUpToWholeMilliseconds() {
        #expect(Duration.seconds(5).millisecondsRoundedUp == 5000)
        #expect(Duration.microseconds(1).millisecondsRoundedUp == 1)
        #expect(Duration.microseconds(2500).millisecondsRoundedUp == 3)
        #expect(throws: PostgresError.self) { try TransactionOptions(statementTimeout: .zero).openingStatements() }
    }

    @Test(arguments: ["Admin", "a-b", "x\"; DROP TABLE t; --", "", "1abc", "ré", String(repeating: "a", count: 64)])
    func rejectsRoleNamesThatAreNotPlainIdentifiers(role: String) {
        #expect(throws: PostgresError.self) { try TransactionOptions(role: role).openingStatements() }
    }

    @Test func redactsPasswordsFromURLs() {
        #expect(redactingPassword(in: "postgres://fintrak:s3cret@127.0.0.1:5432/fintrak") == "postgres://fintrak:***@127.0.0.1:5432/fintrak")
        #expect(redactingPassword(in: "postgres://fintrak@127.0.0.1/fintrak") == "postgres://fintrak@127.0.0.1/fintrak")
        #expect(redactingPassword(in: "postgres://h/db?password=s3cret&sslmode=require") == "postgres://h/db?password=***&sslmode=require")
        #expect(redactingPassword(in: "host=h user=u password=s3cret dbname=d") == "host=h user=u password=*** dbname=d")
    }

    @Test func errorsDescribeThemselves() {
        let error = PostgresError(message: "duplicate key value violates unique constraint \"t_pkey\"", sqlState: "23505")
        #expect(error.isUniqueViolation)
        #expect(!error.isConnectionFailure)
        #expect(error.description.contains("SQLSTATE 23505"))
        #expect(PostgresError.isConnectionLoss(sqlState: "08006"))
        #expect(PostgresError.isConnectionLoss(sqlState: "57P01"))
        #expect(!PostgresError.isConnectionLoss(sqlState: "57014"))
    }
}
