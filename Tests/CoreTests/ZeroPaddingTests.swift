import FintrakCore
import Foundation
import Testing

@Suite struct ZeroPaddingTests {
    @Test func writesWhatPrintfWrites() {
        for value in [0, 5, 42, 999, 2026, 12345, -5, -42, -1234] {
            for width in 1...5 {
                #expect(value.zeroPadded(to: width) == String(format: "%0\(width)d", value), "\(value) \(width)")
            }
        }
    }

    @Test func calendarDaysReadAsISODates() throws {
        #expect(try #require(CalendarDay(year: 2026, month: 3, day: 5)).description == "2026-03-05")
        #expect(try #require(CalendarDay(year: 7, month: 12, day: 31)).description == "0007-12-31")
    }
}
