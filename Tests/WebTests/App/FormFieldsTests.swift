import Testing

@testable import Web

/// A form body read as it was sent, for the confirmation step to carry on unchanged.
@Suite struct FormFieldsTests {
    @Test func fieldsAreReadInOrderWithTheirNamesAsTyped() {
        let body =
            "_csrf=abc&effectiveOn%5Bday%5D=7&effectiveOn%5Bmonth%5D=12&reason=Budget+cut+%26+review"
            + "&answers%5B2%5D%5Bvalues%5D%5B%5D=a&answers%5B2%5D%5Bvalues%5D%5B%5D=b&empty=&bare&bad=50%"
        let fields = FormFields.parse(body)
        #expect(
            fields.map(\.name) == [
                "_csrf", "effectiveOn[day]", "effectiveOn[month]", "reason", "answers[2][values][]",
                "answers[2][values][]", "empty", "bare", "bad",
            ])
        #expect(fields.map(\.value) == ["abc", "7", "12", "Budget cut & review", "a", "b", "", "", "50%"])
        #expect(FormFields.parse("").isEmpty)
    }
}
