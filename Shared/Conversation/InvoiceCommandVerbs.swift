/// The first words of the invoice commands ("edit total 1530", "undo"): intake routes a message that starts with one
/// to the extractor while there is an invoice to apply it to, and the extractor parses it.
package enum InvoiceCommandVerbs {
    /// Words that start a correction; "change …" and "fix …" read like "edit …".
    package static let edit: Set<String> = ["edit", "change", "fix"]
    /// The word that takes the last invoice back.
    package static let undo = "undo"

    /// Every first word of an invoice command.
    package static var all: Set<String> { edit.union([undo]) }
}
